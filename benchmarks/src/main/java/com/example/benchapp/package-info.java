/**
 * A minimal javax.servlet "application" for the served-request benchmark: one servlet behind one filter,
 * and fixed request/response objects standing in for a container's. It lives outside {@code dev.ctagent.*}
 * on purpose: the agent never instruments classes under its own package prefix.
 */
package com.example.benchapp;
