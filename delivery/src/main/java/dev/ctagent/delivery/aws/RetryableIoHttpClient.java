package dev.ctagent.delivery.aws;

import java.io.IOException;
import java.io.UncheckedIOException;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;

/**
 * The JDK HTTP client as the SDK's retries expect it. {@code UrlConnectionHttpClient} wraps some I/O failures in
 * {@link UncheckedIOException}, which the SDK never retries; the commonest is a kept-alive connection the
 * server had already closed ({@code Unexpected end of file from server}). Unwrapped, it is an
 * {@link IOException}, retried on a new connection with the SDK's backoff like any other. (aws-sdk-java-v2
 * #2891, #3539, #7347.) Every call the agent makes is safe to repeat: PutObject of the same key and bytes,
 * reads, and SNS Publish, whose subscribers get at-least-once delivery anyway.
 */
final class RetryableIoHttpClient implements SdkHttpClient {
    private final SdkHttpClient delegate;

    RetryableIoHttpClient(SdkHttpClient delegate) {
        this.delegate = delegate;
    }

    @Override
    public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
        ExecutableHttpRequest call = delegate.prepareRequest(request);
        return new ExecutableHttpRequest() {
            @Override
            public HttpExecuteResponse call() throws IOException {
                try {
                    return call.call();
                } catch (UncheckedIOException e) {
                    throw e.getCause();
                }
            }

            @Override
            public void abort() {
                call.abort();
            }
        };
    }

    @Override
    public String clientName() {
        return delegate.clientName();
    }

    @Override
    public void close() {
        delegate.close();
    }
}
