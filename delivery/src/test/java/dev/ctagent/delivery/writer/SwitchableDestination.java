package dev.ctagent.delivery.writer;

import dev.ctagent.delivery.destination.Destination;
import dev.ctagent.delivery.destination.LocalDirectoryDestination;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/** A local-directory destination that can be taken down, remembering the order objects arrived in. */
final class SwitchableDestination implements Destination {
    private final LocalDirectoryDestination target;
    final List<String> arrived = new CopyOnWriteArrayList<>();
    volatile boolean down;
    volatile int refused;

    SwitchableDestination(LocalDirectoryDestination target) {
        this.target = target;
    }

    @Override
    public void deliver(String key, Path file) throws IOException {
        refuseWhenDown();
        target.deliver(key, file);
        arrived.add(key);
    }

    @Override
    public void put(String key, byte[] body, Map<String, String> metadata) throws IOException {
        refuseWhenDown();
        target.put(key, body, metadata);
        arrived.add(key);
    }

    @Override
    public String location() {
        return "switchable:" + target.location();
    }

    private void refuseWhenDown() throws IOException {
        if (down) {
            refused++;
            throw new IOException("endpoint down");
        }
    }
}
