package dev.ctagent.delivery.spool;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Capped exponential backoff with jitter: after the n-th failure in a row the next attempt waits
 * {@code min(max, initial * 2^(n-1))}, minus up to a fifth at random so a fleet that lost its endpoint
 * together does not come back in lockstep. A success resets it.
 */
public final class Backoff {
    private final long initialMillis;
    private final long maxMillis;
    private int failures;
    private long nextAttemptMillis;

    public Backoff(Duration initial, Duration max) {
        this.initialMillis = Math.max(1, initial.toMillis());
        this.maxMillis = Math.max(initialMillis, max.toMillis());
    }

    public boolean due(long nowMillis) {
        return nowMillis >= nextAttemptMillis;
    }

    /** When the next attempt may run (0 after a success: now). */
    public long nextAttemptMillis() {
        return nextAttemptMillis;
    }

    public void failed(long nowMillis) {
        failures++;
        long wait = failures >= 31 ? maxMillis : Math.min(maxMillis, initialMillis << (failures - 1));
        long jitter = wait / 5 == 0 ? 0 : ThreadLocalRandom.current().nextLong(wait / 5 + 1);
        nextAttemptMillis = nowMillis + wait - jitter;
    }

    public void succeeded() {
        failures = 0;
        nextAttemptMillis = 0;
    }

    public int failuresInARow() {
        return failures;
    }
}
