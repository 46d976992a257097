package com.example.benchapp;

import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;

/** An application interceptor that keeps the last completed call's context and attributes, as the SDK passed them. */
public final class CapturingInterceptor implements ExecutionInterceptor {
    public volatile Context.AfterExecution context;
    public volatile ExecutionAttributes attributes;

    @Override
    public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
        this.context = context;
        this.attributes = attributes;
    }
}
