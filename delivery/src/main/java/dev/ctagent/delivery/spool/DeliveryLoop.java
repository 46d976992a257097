package dev.ctagent.delivery.spool;

import dev.ctagent.delivery.destination.Destination;
import dev.ctagent.delivery.notify.NotificationOutbox;
import dev.ctagent.delivery.status.ErrorReporter;
import dev.ctagent.delivery.status.TrailStats;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;

/**
 * The agent's one delivery thread, {@code ct-agent-delivery}, started only when there is something remote
 * to talk to: it takes spooled files to the remote destination strictly in order (a failure stops the line
 * and is retried with capped exponential backoff; nothing behind it overtakes it), announces delivered log
 * files to the notifiers, and sleeps when there is nothing to do.
 */
public final class DeliveryLoop {
    private static final long IDLE_WAIT_MILLIS = 1_000;

    private final DeliverySpool spool;
    private final Destination remote;
    private final NotificationOutbox outbox;
    private final Backoff backoff;
    private final TrailStats stats;
    private final ErrorReporter errors;
    private final Object signal = new Object();
    private boolean woken;
    private volatile boolean stopping;
    private volatile long drainDeadlineMillis;
    private Thread thread;

    /**
     * @param spool null when log files are delivered directly (a local directory) and only notifications
     *              go through this thread
     * @param remote where spooled entries go; null without a spool
     * @param outbox null for no notifications
     */
    public DeliveryLoop(DeliverySpool spool, Destination remote, NotificationOutbox outbox, Duration initialBackoff,
            Duration maxBackoff, TrailStats stats, ErrorReporter errors) {
        this.spool = spool;
        this.remote = remote;
        this.outbox = outbox;
        this.backoff = new Backoff(initialBackoff, maxBackoff);
        this.stats = stats;
        this.errors = errors;
        if (spool != null) {
            stats.recordSpool(spool.size(), spool.bytes());
        }
    }

    public synchronized void start() {
        if (thread != null) {
            return;
        }
        thread = new Thread(this::run, "ct-agent-delivery");
        thread.setDaemon(true);
        // the agent's (relocated) AWS SDK looks for its own resources here first, never in the app's loader
        thread.setContextClassLoader(DeliveryLoop.class.getClassLoader());
        thread.start();
    }

    /** Something new is waiting (a spooled file, a delivered file to announce). */
    public void wake() {
        synchronized (signal) {
            woken = true;
            signal.notifyAll();
        }
    }

    /** A delivered log file to announce (the local directory's direct delivery calls this). */
    public void logFileDelivered(String key) {
        if (outbox != null) {
            outbox.logFileDelivered(key);
            wake();
        }
    }

    /**
     * Makes one last attempt to deliver what is waiting (up to {@code drain}; a failure ends it at once
     * rather than waiting through a backoff), then stops the thread. What is left stays in the spool and the pending notices for the next start.
     */
    public void stop(Duration drain) {
        Thread t;
        synchronized (this) {
            t = thread;
        }
        drainDeadlineMillis = System.currentTimeMillis() + drain.toMillis();
        stopping = true;
        wake();
        if (t != null) {
            try {
                t.join(drain.toMillis() + 5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        } else {
            closeTargets();
        }
    }

    private void run() {
        try {
            while (!stopping) {
                long now = System.currentTimeMillis();
                deliverDue(now, false);
                long next = spool != null && spool.oldest() != null ? backoff.nextAttemptMillis() : Long.MAX_VALUE;
                if (outbox != null && (spool == null || spool.oldest() == null || !backoff.due(now))) {
                    next = Math.min(next, outbox.sendDue(System.currentTimeMillis(), false));
                }
                await(next);
            }
            // stopping: one more pass whatever the backoff says; what fails now waits for the next start
            deliverDue(System.currentTimeMillis(), true);
            if (outbox != null && System.currentTimeMillis() < drainDeadlineMillis) {
                outbox.sendDue(System.currentTimeMillis(), true);
            }
        } catch (RuntimeException | Error e) {
            errors.error("the delivery thread", e); // files stay spooled for the next start
        } finally {
            closeTargets();
        }
    }

    /** Takes spooled entries to the remote destination, oldest first, until one fails or none is left. */
    private void deliverDue(long now, boolean lastChance) {
        if (spool == null || !(lastChance || backoff.due(now))) {
            return;
        }
        SpoolEntry entry;
        while ((entry = spool.oldest()) != null) {
            if (stopping && System.currentTimeMillis() >= drainDeadlineMillis) {
                return;
            }
            try {
                if (entry.kind() == SpoolEntry.Kind.LOG) {
                    remote.deliver(entry.key(), entry.body());
                } else {
                    remote.put(entry.key(), Files.readAllBytes(entry.body()), entry.metadata());
                }
            } catch (IOException | RuntimeException e) {
                backoff.failed(System.currentTimeMillis());
                String doing = "delivering to " + remote.location();
                String detail = " (" + entry.key() + "; " + spool.size() + " files waiting in the spool)";
                if (entry.kind() == SpoolEntry.Kind.LOG) {
                    errors.deliveryError(doing, e, detail);
                } else {
                    errors.digestError(doing, e, detail);
                    if (spool.size() > 1) {
                        // the log files queued behind it wait too: the status must not say their delivery is fine
                        stats.recordDeliveryError(doing + " failed: " + e + detail);
                    }
                }
                return;
            }
            backoff.succeeded();
            long at = System.currentTimeMillis();
            if (entry.kind() == SpoolEntry.Kind.LOG) {
                stats.recordDelivery(at);
                if (outbox != null) {
                    outbox.logFileDelivered(entry.key());
                }
            } else if (entry.kind() == SpoolEntry.Kind.DIGEST) {
                stats.recordDigestDelivery(at);
                stats.recordDigestDeliveryError(null);
            }
            try {
                spool.remove(entry);
            } catch (IOException e) {
                // delivered; a leftover is delivered again after a restart (same key, same bytes)
                errors.error("removing " + entry + " from the spool", e);
            }
            stats.recordSpool(spool.size(), spool.bytes());
        }
    }

    private void await(long nextMillis) {
        synchronized (signal) {
            if (woken) {
                woken = false;
                return;
            }
            long wait = Math.min(IDLE_WAIT_MILLIS, nextMillis - System.currentTimeMillis());
            if (wait > 0) {
                try {
                    signal.wait(wait);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    stopping = true;
                }
            }
            woken = false;
        }
    }

    private void closeTargets() {
        if (outbox != null) {
            outbox.close();
        }
        if (remote != null) {
            try {
                remote.close();
            } catch (IOException | RuntimeException e) {
                errors.error("closing " + remote.location(), e);
            }
        }
    }
}
