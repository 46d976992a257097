package dev.ctagent.delivery.writer;

import com.lmax.disruptor.EventHandler;
import com.lmax.disruptor.ExceptionHandler;
import com.lmax.disruptor.Sequence;
import dev.ctagent.delivery.record.CallSerializer;
import dev.ctagent.delivery.record.SerializedRecord;
import dev.ctagent.delivery.status.ErrorReporter;
import dev.ctagent.delivery.status.TrailStats;
import dev.ctagent.runtime.capture.CapturedCall;
import dev.ctagent.runtime.capture.DropCounter;
import dev.ctagent.runtime.capture.DropCounter.DroppedInterval;
import dev.ctagent.runtime.config.ConfigException;
import java.io.IOException;
import java.time.Instant;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The writer thread's work: each captured call becomes a record in the current log file; at the end of
 * every batch and on every idle timeout it states drops, serves roll requests, flushes and rolls files that
 * are due, retries orphans, and keeps the digest chain going. Nothing here may stop the thread: every failure is counted, reported once
 * and survived.
 */
public final class TrailWriter implements EventHandler<CapturedCall> {
    private static final long RECOVERY_PERIOD_NANOS = TimeUnit.SECONDS.toNanos(30);
    private static final long MAX_RECOVERY_PERIOD_NANOS = TimeUnit.MINUTES.toNanos(5);

    private final CallSerializer serializer;
    private final DropCounter drops;
    private final LogFileRoller roller;
    private final OrphanRecovery recovery;
    private final TrailStats stats;
    private final ErrorReporter errors;
    private DigestChain digests;
    private final Consumer<ConfigException> keyRefused;
    /** Rolls and chain starts, served in the order they were asked for. */
    private final Queue<ControlRequest> requests = new ConcurrentLinkedQueue<>();
    private volatile boolean shutDown;
    private Sequence released;
    private long processed = -1;
    private long recoveryPeriodNanos = RECOVERY_PERIOD_NANOS;
    private long nextRecoveryNanos;

    /**
     * @param digests the trail's digest chain, or null when digests are off
     * @param keyRefused told (once) when the signing key cannot be used; digests are then off
     */
    TrailWriter(CallSerializer serializer, DropCounter drops, LogFileRoller roller, OrphanRecovery recovery,
            TrailStats stats, ErrorReporter errors, DigestChain digests, Consumer<ConfigException> keyRefused) {
        this.serializer = serializer;
        this.drops = drops;
        this.roller = roller;
        this.recovery = recovery;
        this.stats = stats;
        this.errors = errors;
        this.digests = digests;
        this.keyRefused = keyRefused;
    }

    /** Records written between yields of the core while a batch lasts (~20-40 µs of work). */
    private static final int YIELD_EVERY = 16;

    @Override
    public void setSequenceCallback(Sequence sequenceCallback) {
        this.released = sequenceCallback;
    }

    @Override
    public void onStart() {
        recoverOrphans(System.nanoTime());
        serveRequests(false); // the chain start queued by Trail.start()
    }

    @Override
    public void onEvent(CapturedCall call, long sequence, boolean endOfBatch) {
        try {
            write(call);
        } finally {
            call.clear();
            processed = sequence;
            if (released != null) {
                released.set(sequence); // hand the slot back now, not at the end of a long batch
            }
        }
        if (endOfBatch) {
            housekeeping(false);
        } else if ((sequence & (YIELD_EVERY - 1)) == 0) {
            Thread.yield(); // let a request thread waiting for this core run: the batch can wait
        }
    }

    @Override
    public void onTimeout(long sequence) {
        processed = Math.max(processed, sequence);
        housekeeping(true);
    }

    @Override
    public void onShutdown() {
        try {
            writeDrops();
            roller.roll();
            finishChain();
        } catch (RuntimeException e) {
            errors.error("finishing the trail", e);
        } finally {
            shutDown = true;
            ControlRequest r;
            while ((r = requests.poll()) != null) {
                r.done.countDown();
            }
        }
    }

    /**
     * Asks the writer to finish and deliver the current file once it has written every call up to
     * {@code untilSequence}; waits at most {@code timeoutMillis}. False on timeout.
     */
    boolean requestRoll(long untilSequence, long timeoutMillis) throws InterruptedException {
        return requestRoll(untilSequence, false, timeoutMillis);
    }

    /** Same, and with {@code endChain} the digest chain then delivers its final digest (logging stopped). */
    boolean requestRoll(long untilSequence, boolean endChain, long timeoutMillis) throws InterruptedException {
        ControlRequest request = new ControlRequest(false, untilSequence, endChain);
        requests.add(request);
        if (shutDown) {
            return true; // the shutdown roll already delivered everything
        }
        return request.done.await(timeoutMillis, TimeUnit.MILLISECONDS);
    }

    /** Asks the writer to start a digest chain (logging started); does not wait. */
    void requestChainStart() {
        requests.add(new ControlRequest(true, -1, false));
    }

    /** Reports what escapes {@link #onEvent}; never rethrows, so the thread keeps going. */
    ExceptionHandler<CapturedCall> exceptionHandler() {
        return new ExceptionHandler<CapturedCall>() {
            @Override
            public void handleEventException(Throwable ex, long sequence, CapturedCall event) {
                errors.error("processing a captured call", ex);
            }

            @Override
            public void handleOnStartException(Throwable ex) {
                errors.error("starting the writer", ex);
            }

            @Override
            public void handleOnShutdownException(Throwable ex) {
                errors.error("stopping the writer", ex);
            }
        };
    }

    private void write(CapturedCall call) {
        SerializedRecord record;
        try {
            record = serializer.serialize(call);
        } catch (RuntimeException e) {
            stats.recordFailed();
            errors.error("serializing a captured call", e);
            return;
        }
        if (record == null) {
            stats.recordSkipped();
        } else if (append(record)) {
            stats.recordWritten();
        } else {
            stats.recordFailed();
        }
    }

    private boolean append(SerializedRecord record) {
        try {
            roller.append(record.bytes, record.length, record.eventTimeMillis, System.nanoTime());
            return true;
        } catch (IOException | RuntimeException e) {
            errors.deliveryError("writing a record", e);
            return false;
        }
    }

    private void housekeeping(boolean idle) {
        try {
            writeDrops();
            serveRequests(idle);
            long now = System.nanoTime();
            roller.tick(now);
            if (now - nextRecoveryNanos >= 0) {
                recoverOrphans(now);
            }
            keepChain();
        } catch (RuntimeException e) {
            errors.error("housekeeping", e);
        }
    }

    /** Delivers the digest that is due, if any. */
    private void keepChain() {
        if (digests != null) {
            try {
                digests.tick(Instant.now());
            } catch (ConfigException e) {
                refuseKey(e);
            }
        }
    }

    private void startChain() {
        if (digests != null) {
            digests.start(Instant.now());
        }
    }

    private void finishChain() {
        if (digests != null) {
            try {
                digests.finish(Instant.now());
            } catch (ConfigException e) {
                refuseKey(e);
            }
        }
    }

    /** The signing key cannot be used: digests are off from here on, and the trail is told. */
    private void refuseKey(ConfigException e) {
        digests = null;
        keyRefused.accept(e);
    }

    private void writeDrops() {
        DroppedInterval dropped = drops.take();
        if (dropped == null) {
            return;
        }
        try {
            SerializedRecord record = serializer.droppedEvents(dropped, System.currentTimeMillis());
            if (record != null) {
                append(record);
            }
        } catch (RuntimeException e) {
            errors.error("stating " + dropped.count + " dropped calls", e);
        }
    }

    /**
     * Serves control requests in order: a roll once every call up to its sequence is written (or, when
     * idle, all that could be), ending the digest chain if asked; a chain start at once.
     */
    private void serveRequests(boolean idle) {
        ControlRequest r;
        while ((r = requests.peek()) != null) {
            if (r.startChain) {
                startChain();
            } else {
                if (!idle && processed < r.untilSequence) {
                    return;
                }
                roller.roll();
                if (r.endChain) {
                    finishChain();
                }
            }
            requests.remove(r);
            r.done.countDown();
        }
    }

    private void recoverOrphans(long now) {
        boolean clean = recovery.recoverAll();
        recoveryPeriodNanos = clean ? RECOVERY_PERIOD_NANOS : Math.min(recoveryPeriodNanos * 2, MAX_RECOVERY_PERIOD_NANOS);
        nextRecoveryNanos = now + recoveryPeriodNanos;
    }

    private static final class ControlRequest {
        final boolean startChain;
        final long untilSequence;
        final boolean endChain;
        final CountDownLatch done = new CountDownLatch(1);

        ControlRequest(boolean startChain, long untilSequence, boolean endChain) {
            this.startChain = startChain;
            this.untilSequence = untilSequence;
            this.endChain = endChain;
        }
    }
}
