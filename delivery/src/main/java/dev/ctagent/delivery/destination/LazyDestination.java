package dev.ctagent.delivery.destination;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Supplier;

/**
 * A remote destination built on first use, by the delivery thread: creating an AWS client loads a few
 * thousand classes, which must not happen in premain (the application's startup) or on the writer thread.
 * A failure to build it is a delivery failure like any other: retried, files kept.
 */
public final class LazyDestination implements Destination {
    private final String location;
    private final Supplier<Destination> factory;
    private Destination built;

    public LazyDestination(String location, Supplier<Destination> factory) {
        this.location = location;
        this.factory = factory;
    }

    @Override
    public void deliver(String key, Path file) throws IOException {
        destination().deliver(key, file);
    }

    @Override
    public void put(String key, byte[] body, Map<String, String> metadata) throws IOException {
        destination().put(key, body, metadata);
    }

    @Override
    public String location() {
        return location;
    }

    @Override
    public synchronized void close() throws IOException {
        if (built != null) {
            built.close();
        }
    }

    private synchronized Destination destination() throws IOException {
        if (built == null) {
            try {
                built = factory.get();
            } catch (RuntimeException | LinkageError e) {
                throw new IOException("cannot create the client for " + location + ": " + e, e);
            }
        }
        return built;
    }
}
