package dev.ctagent.delivery.writer;

import dev.ctagent.delivery.destination.Destination;
import dev.ctagent.delivery.notify.NotificationOutbox;
import dev.ctagent.delivery.notify.Notifier;
import dev.ctagent.delivery.spool.DeliveryLoop;
import dev.ctagent.delivery.spool.DeliverySpool;
import dev.ctagent.delivery.spool.SpoolLock;
import dev.ctagent.delivery.spool.SpooledDestination;
import dev.ctagent.delivery.status.ErrorReporter;
import dev.ctagent.delivery.status.TrailStats;
import dev.ctagent.runtime.config.AgentConfig;
import dev.ctagent.runtime.config.SpoolSettings;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

/**
 * How a trail's finished files leave the writer: straight into a destination that confirms on return (the
 * local directory), or into the spool that the delivery thread empties into a remote destination; and
 * whom the delivery thread tells about delivered log files.
 */
final class Deliveries {
    /** What the writer hands files to. */
    final Destination writerDestination;
    /** Null when nothing is remote and nobody is notified: no extra thread then. */
    final DeliveryLoop loop;

    private final SpoolLock lock;

    private Deliveries(Destination writerDestination, DeliveryLoop loop, SpoolLock lock) {
        this.writerDestination = writerDestination;
        this.loop = loop;
        this.lock = lock;
    }

    /** A destination that confirms on return, with notifications (if any) sent by the delivery thread. */
    static Deliveries direct(Destination destination, List<Notifier> notifiers, AgentConfig config, TrailStats stats,
            ErrorReporter errors) throws IOException {
        if (notifiers.isEmpty()) {
            return new Deliveries(destination, null, null);
        }
        SpoolLock lock = SpoolLock.claim(config.spool().dir());
        NotificationOutbox outbox = outbox(notifiers, lock.dir(), config, stats, errors);
        DeliveryLoop loop = new DeliveryLoop(null, null, outbox, config.spool().initialBackoff(),
                config.spool().maxBackoff(), stats, errors);
        return new Deliveries(destination, loop, lock);
    }

    /** A remote destination behind this process's spool. */
    static Deliveries spooled(Destination remote, List<Notifier> notifiers, AgentConfig config, TrailStats stats,
            ErrorReporter errors) throws IOException {
        SpoolSettings s = config.spool();
        SpoolLock lock = SpoolLock.claim(s.dir());
        DeliverySpool spool = DeliverySpool.open(lock.dir(), s.maxBytes());
        NotificationOutbox outbox = notifiers.isEmpty() ? null : outbox(notifiers, lock.dir(), config, stats, errors);
        DeliveryLoop loop = new DeliveryLoop(spool, remote, outbox, s.initialBackoff(), s.maxBackoff(), stats, errors);
        return new Deliveries(new SpooledDestination(spool, remote, stats, loop::wake), loop, lock);
    }

    /** Told the key of each log file the writer's destination confirmed on return. */
    Consumer<String> announcer() {
        if (loop == null || writerDestination.deliversLater()) {
            return key -> { };
        }
        return loop::logFileDelivered;
    }

    void start() {
        if (loop != null) {
            loop.start();
        }
    }

    /** Delivers what waits for up to {@code drain}, then stops; the rest waits for the next start. */
    void stop(Duration drain) {
        if (loop != null) {
            loop.stop(drain);
            lock.release();
        } else {
            try {
                writerDestination.close();
            } catch (IOException | RuntimeException e) {
                // nothing left to deliver through it
            }
        }
    }

    /** Pending notices live in this process's spool directory, so processes sharing a ct.dir keep apart. */
    private static NotificationOutbox outbox(List<Notifier> notifiers, Path spoolDir, AgentConfig config,
            TrailStats stats, ErrorReporter errors) throws IOException {
        return new NotificationOutbox(config.bucket(), notifiers, spoolDir.resolve("notifications"),
                config.spool().initialBackoff(),
                config.spool().maxBackoff(), stats, errors);
    }
}
