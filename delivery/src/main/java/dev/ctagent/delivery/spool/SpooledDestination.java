package dev.ctagent.delivery.spool;

import dev.ctagent.delivery.destination.Destination;
import dev.ctagent.delivery.logfile.FinishedLogFile;
import dev.ctagent.delivery.status.TrailStats;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/**
 * The writer's view of a remote destination: "delivering" moves the file into the {@link DeliverySpool}
 * (a local rename, so the writer never waits for the network) and the {@link DeliveryLoop} takes it to the
 * remote destination later, in order, retrying until it is confirmed.
 */
public final class SpooledDestination implements Destination {
    private final DeliverySpool spool;
    private final Destination remote;
    private final TrailStats stats;
    private final Runnable wake;

    public SpooledDestination(DeliverySpool spool, Destination remote, TrailStats stats, Runnable wake) {
        this.spool = spool;
        this.remote = remote;
        this.stats = stats;
        this.wake = wake;
    }

    @Override
    public void deliver(String key, Path file) throws IOException {
        throw new UnsupportedOperationException("a spool takes finished log files: deliver(FinishedLogFile)");
    }

    @Override
    public void deliver(FinishedLogFile file) throws IOException {
        if (!spool.addLogFile(file.key(), file.localPath(), file.recordCount())) {
            throw new SpoolFullException(file, spool);
        }
        stats.recordSpool(spool.size(), spool.bytes());
        wake.run();
    }

    @Override
    public void put(String key, byte[] body, Map<String, String> metadata) throws IOException {
        SpoolEntry.Kind kind = key.contains("/CloudTrail-Digest/") ? SpoolEntry.Kind.DIGEST : SpoolEntry.Kind.OBJECT;
        spool.addObject(kind, key, body, metadata);
        stats.recordSpool(spool.size(), spool.bytes());
        wake.run();
    }

    @Override
    public boolean deliversLater() {
        return true;
    }

    @Override
    public String location() {
        return remote.location();
    }
}
