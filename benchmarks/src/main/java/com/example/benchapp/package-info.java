/**
 * Minimal "applications" for the benchmarks. For the served-request benchmark: one javax.servlet servlet
 * behind one filter, and fixed request/response objects standing in for a container's. For the SDK-call
 * benchmarks: SDK v2 and v1 S3 clients and a local S3 endpoint ({@link LocalS3}) they call, plus an
 * interceptor and a request handler that keep what the SDK passed them. It lives outside
 * {@code dev.ctagent.*} on purpose: the agent never instruments classes under its own package prefix.
 */
package com.example.benchapp;
