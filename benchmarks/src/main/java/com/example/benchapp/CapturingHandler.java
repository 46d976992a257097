package com.example.benchapp;

import com.amazonaws.AmazonWebServiceRequest;
import com.amazonaws.Request;
import com.amazonaws.Response;
import com.amazonaws.handlers.HandlerAfterAttemptContext;
import com.amazonaws.handlers.HandlerBeforeAttemptContext;
import com.amazonaws.handlers.RequestHandler2;
import com.amazonaws.http.HttpResponse;

/** An application request handler that keeps what the SDK passed to each callback of the last call. */
public final class CapturingHandler extends RequestHandler2 {
    public volatile AmazonWebServiceRequest original;
    public volatile Request<?> request;
    public volatile HandlerBeforeAttemptContext beforeAttempt;
    public volatile HandlerAfterAttemptContext afterAttempt;
    public volatile HttpResponse httpResponse;
    public volatile Response<?> response;

    @Override
    public AmazonWebServiceRequest beforeExecution(AmazonWebServiceRequest request) {
        this.original = request;
        return request;
    }

    @Override
    public void beforeRequest(Request<?> request) {
        this.request = request;
    }

    @Override
    public void beforeAttempt(HandlerBeforeAttemptContext context) {
        this.beforeAttempt = context;
    }

    @Override
    public void afterAttempt(HandlerAfterAttemptContext context) {
        this.afterAttempt = context;
    }

    @Override
    public HttpResponse beforeUnmarshalling(Request<?> request, HttpResponse httpResponse) {
        this.httpResponse = httpResponse;
        return httpResponse;
    }

    @Override
    public void afterResponse(Request<?> request, Response<?> response) {
        this.request = request;
        this.response = response;
    }
}
