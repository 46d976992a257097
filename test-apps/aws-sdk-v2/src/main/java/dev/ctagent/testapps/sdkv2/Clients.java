package dev.ctagent.testapps.sdkv2;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.core.client.builder.SdkClientBuilder;
import software.amazon.awssdk.utils.SdkAutoCloseable;

/**
 * Builds clients pointed at the emulator (credentials and region from the environment, as the SDK finds them
 * by default) and closes them all at the end.
 */
final class Clients implements AutoCloseable {
    private final URI endpoint;
    private final List<SdkAutoCloseable> opened = new ArrayList<>();

    Clients(URI endpoint) {
        this.endpoint = endpoint;
    }

    URI endpoint() {
        return endpoint;
    }

    <C extends SdkAutoCloseable> C open(SdkClientBuilder<?, C> builder) {
        return open(builder, endpoint);
    }

    <C extends SdkAutoCloseable> C open(SdkClientBuilder<?, C> builder, URI at) {
        C client = builder.endpointOverride(at).build();
        opened.add(client);
        return client;
    }

    @Override
    public void close() {
        opened.forEach(SdkAutoCloseable::close);
    }
}
