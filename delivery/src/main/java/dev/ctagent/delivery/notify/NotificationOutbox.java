package dev.ctagent.delivery.notify;

import dev.ctagent.delivery.spool.Backoff;
import dev.ctagent.delivery.status.ErrorReporter;
import dev.ctagent.delivery.status.TrailStats;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Announces delivered log files to every target (SNS topic, webhook) the way CloudTrail does: once the
 * plain {@code CloudTrail validation message.}, then {@code {"s3Bucket":..,"s3ObjectKey":[..]}} listing
 * every file delivered since the previous notice (up to {@value #MAX_KEYS} keys per message). Each target
 * has its own pending list on disk and its own backoff, so a target that is down delays only itself and
 * loses nothing, across restarts too. A message that failed is resent unchanged (same MessageId).
 *
 * <p>Driven by the delivery thread: {@link #logFileDelivered} from whoever delivered, {@link #sendDue} from
 * the delivery loop.
 */
public final class NotificationOutbox {
    /** Keeps a notice well under SNS's 256 KB message limit (a key is ~130 bytes). */
    static final int MAX_KEYS = 200;

    private final String bucket;
    private final List<Target> targets = new ArrayList<>();
    private final TrailStats stats;
    private final ErrorReporter errors;

    private static final class Target {
        final Notifier notifier;
        final PendingNotices pending;
        final Backoff backoff;
        Notification inFlight;
        int inFlightKeys;
        boolean validationInFlight;
        String error;

        Target(Notifier notifier, PendingNotices pending, Backoff backoff) {
            this.notifier = notifier;
            this.pending = pending;
            this.backoff = backoff;
        }
    }

    /**
     * @param stateDir where each target's pending keys are kept ({@code <ct.dir>/.ct-agent/notifications})
     */
    public NotificationOutbox(String bucket, List<Notifier> notifiers, Path stateDir, Duration initialBackoff,
            Duration maxBackoff, TrailStats stats, ErrorReporter errors) throws IOException {
        this.bucket = bucket;
        this.stats = stats;
        this.errors = errors;
        for (Notifier n : notifiers) {
            targets.add(new Target(n, new PendingNotices(stateDir, id(n.target())),
                    new Backoff(initialBackoff, maxBackoff)));
        }
    }

    public boolean isEmpty() {
        return targets.isEmpty();
    }

    /** Notes a delivered log file for every target (on disk before this returns). */
    public void logFileDelivered(String key) {
        for (Target t : targets) {
            try {
                t.pending.add(key);
            } catch (IOException | RuntimeException e) {
                errors.notificationError("remembering " + key + " for " + t.notifier.target(), e);
            }
        }
    }

    /**
     * Sends what is due to every target that is not backing off (all of them with {@code ignoreBackoff},
     * for the last attempt before the process exits). Returns the time (epoch ms) of the next
     * retry that is waiting, or {@link Long#MAX_VALUE} when nothing is.
     */
    public long sendDue(long nowMillis, boolean ignoreBackoff) {
        long next = Long.MAX_VALUE;
        for (Target t : targets) {
            if (!ignoreBackoff && !t.backoff.due(nowMillis)) {
                next = Math.min(next, t.backoff.nextAttemptMillis());
                continue;
            }
            while (hasWork(t)) {
                if (!sendOne(t, nowMillis)) {
                    next = Math.min(next, t.backoff.nextAttemptMillis());
                    break;
                }
            }
        }
        return next;
    }

    /** Whether any target has something to send (the validation message, or keys). */
    public boolean hasPending() {
        for (Target t : targets) {
            if (hasWork(t)) {
                return true;
            }
        }
        return false;
    }

    public void close() {
        for (Target t : targets) {
            try {
                t.notifier.close();
            } catch (IOException | RuntimeException e) {
                errors.error("closing " + t.notifier.target(), e);
            }
        }
    }

    private static boolean hasWork(Target t) {
        return t.inFlight != null || !t.pending.validated() || !t.pending.isEmpty();
    }

    private boolean sendOne(Target t, long nowMillis) {
        if (t.inFlight == null) {
            Instant now = Instant.ofEpochMilli(nowMillis);
            if (!t.pending.validated()) {
                t.inFlight = Notification.validationMessage(now);
                t.validationInFlight = true;
            } else {
                List<String> keys = t.pending.oldest(MAX_KEYS);
                t.inFlight = Notification.logFilesDelivered(bucket, keys, now);
                t.inFlightKeys = keys.size();
                t.validationInFlight = false;
            }
        }
        try {
            t.notifier.send(t.inFlight);
        } catch (IOException | RuntimeException e) {
            t.backoff.failed(System.currentTimeMillis());
            t.error = "notifying " + t.notifier.target() + " failed: " + e;
            errors.notificationError("notifying " + t.notifier.target(), e);
            return false;
        }
        try {
            if (t.validationInFlight) {
                t.pending.markValidated();
            } else {
                t.pending.drop(t.inFlightKeys);
            }
        } catch (IOException | RuntimeException e) {
            // sent all the same; at worst the same keys are announced again after a restart
            errors.error("updating the pending notifications of " + t.notifier.target(), e);
        }
        t.inFlight = null;
        t.inFlightKeys = 0;
        t.backoff.succeeded();
        t.error = null;
        stats.recordNotification(System.currentTimeMillis());
        for (Target other : targets) {
            if (other.error != null) {
                stats.recordNotificationError(other.error); // another target is still failing
            }
        }
        return true;
    }

    /** A short stable file-name-safe id of a target. */
    private static String id(String target) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(target.getBytes(StandardCharsets.UTF_8));
            StringBuilder s = new StringBuilder();
            for (int i = 0; i < 8; i++) {
                s.append(String.format("%02x", d[i]));
            }
            return s.toString();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
