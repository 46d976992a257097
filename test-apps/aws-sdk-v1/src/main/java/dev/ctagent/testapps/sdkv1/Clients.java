package dev.ctagent.testapps.sdkv1;

import com.amazonaws.AmazonWebServiceClient;
import com.amazonaws.ClientConfiguration;
import com.amazonaws.client.builder.AwsClientBuilder;
import com.amazonaws.client.builder.AwsClientBuilder.EndpointConfiguration;
import com.amazonaws.regions.DefaultAwsRegionProviderChain;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds clients pointed at the emulator (credentials and region from the environment, as the SDK finds them
 * by default) and shuts them all down at the end.
 */
final class Clients implements AutoCloseable {
    private final String endpoint;
    /** An endpoint needs its signing region spelled out; it is the one the SDK finds by default. */
    private final String region = new DefaultAwsRegionProviderChain().getRegion();
    private final List<AmazonWebServiceClient> opened = new ArrayList<>();

    Clients(String endpoint) {
        this.endpoint = endpoint;
    }

    <B extends AwsClientBuilder<B, C>, C> C open(B builder) {
        return open(builder, endpoint, new ClientConfiguration());
    }

    <B extends AwsClientBuilder<B, C>, C> C open(B builder, String at, ClientConfiguration configuration) {
        C client = builder.withEndpointConfiguration(new EndpointConfiguration(at, region))
                .withClientConfiguration(configuration).build();
        if (client instanceof AmazonWebServiceClient) { // every client the builders make is one
            opened.add((AmazonWebServiceClient) client);
        }
        return client;
    }

    @Override
    public void close() {
        opened.forEach(AmazonWebServiceClient::shutdown);
    }
}
