package com.example.benchapp;

import com.amazonaws.ClientConfiguration;
import com.amazonaws.auth.AWSStaticCredentialsProvider;
import com.amazonaws.auth.BasicAWSCredentials;
import com.amazonaws.client.builder.AwsClientBuilder.EndpointConfiguration;
import com.amazonaws.handlers.RequestHandler2;
import com.amazonaws.retry.PredefinedRetryPolicies;
import com.amazonaws.services.s3.AmazonS3;
import com.amazonaws.services.s3.AmazonS3ClientBuilder;
import com.amazonaws.services.s3.model.GetObjectMetadataRequest;
import com.amazonaws.services.s3.model.ObjectMetadata;
import java.net.URI;

/**
 * An application's SDK v1 S3 client as the benchmarks use it: the SDK's Apache HttpClient transport (its
 * only one), retries off, static credentials, us-east-1, path-style requests to a {@link LocalS3}. One
 * {@link #headObject} is one HeadObject call ({@code getObjectMetadata}), on a request built once.
 */
public final class S3V1App implements AutoCloseable {
    private final AmazonS3 client;
    private final GetObjectMetadataRequest request = new GetObjectMetadataRequest(LocalS3.BUCKET, LocalS3.KEY);

    /** @param extra request handlers of the application's own, added to the client (may be none) */
    public S3V1App(URI endpoint, RequestHandler2... extra) {
        client = AmazonS3ClientBuilder.standard()
                .withEndpointConfiguration(new EndpointConfiguration(endpoint.toString(), "us-east-1"))
                .withPathStyleAccessEnabled(true)
                .withCredentials(new AWSStaticCredentialsProvider(
                        new BasicAWSCredentials(S3V2App.ACCESS_KEY_ID, S3V2App.SECRET_KEY)))
                .withClientConfiguration(new ClientConfiguration()
                        .withRetryPolicy(PredefinedRetryPolicies.NO_RETRY_POLICY)
                        .withMaxErrorRetry(0))
                .withRequestHandlers(extra)
                .build();
    }

    public ObjectMetadata headObject() {
        return client.getObjectMetadata(request);
    }

    public AmazonS3 client() {
        return client;
    }

    @Override
    public void close() {
        client.shutdown();
    }
}
