package com.example.benchapp;

import java.net.URI;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.HeadObjectRequest;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;

/**
 * An application's SDK v2 S3 client as the benchmarks use it: sync, the JDK's HttpURLConnection transport
 * (url-connection-client), retries off, static credentials, us-east-1, path-style requests to a
 * {@link LocalS3}. One {@link #headObject} is one HeadObject call; the request is built once (SDK v2
 * requests are immutable).
 */
public final class S3V2App implements AutoCloseable {
    public static final String ACCESS_KEY_ID = "AKIAIOSFODNN7EXAMPLE";
    public static final String SECRET_KEY = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";

    private final S3Client client;
    private final HeadObjectRequest request = HeadObjectRequest.builder().bucket(LocalS3.BUCKET).key(LocalS3.KEY).build();

    /** @param extra interceptors of the application's own, added to the client (may be none) */
    public S3V2App(URI endpoint, ExecutionInterceptor... extra) {
        client = S3Client.builder()
                .endpointOverride(endpoint)
                .forcePathStyle(true)
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY_ID, SECRET_KEY)))
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(c -> {
                    c.retryStrategy(AwsRetryStrategy.doNotRetry());
                    for (ExecutionInterceptor i : extra) {
                        c.addExecutionInterceptor(i);
                    }
                })
                .build();
    }

    public HeadObjectResponse headObject() {
        return client.headObject(request);
    }

    public S3Client client() {
        return client;
    }

    @Override
    public void close() {
        client.close();
    }
}
