package dev.ctagent.runtime.capture;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts calls the ring had no room for, exactly, and remembers the span of time they fell in so the
 * writer can state it in the trail. Application threads only touch it when a drop happens.
 */
public final class DropCounter {
    private final AtomicLong total = new AtomicLong();
    private final AtomicLong firstSinceTake = new AtomicLong();
    private volatile long lastMillis;
    private long taken; // writer thread only

    void record(long nowMillis) {
        lastMillis = nowMillis;
        firstSinceTake.compareAndSet(0, nowMillis);
        total.incrementAndGet();
    }

    /** Every drop since start. */
    public long total() {
        return total.get();
    }

    /**
     * The drops since the previous call, or null when there were none. Called by one thread (the
     * writer); each drop is reported in exactly one interval.
     */
    public DroppedInterval take() {
        long t = total.get();
        long n = t - taken;
        if (n == 0) {
            return null;
        }
        taken = t;
        long first = firstSinceTake.getAndSet(0);
        long last = lastMillis;
        if (first == 0) {
            first = last;
        }
        return new DroppedInterval(n, first, Math.max(first, last));
    }

    /** How many calls were dropped between two instants (epoch milliseconds). */
    public static final class DroppedInterval {
        public final long count;
        public final long firstMillis;
        public final long lastMillis;

        public DroppedInterval(long count, long firstMillis, long lastMillis) {
            this.count = count;
            this.firstMillis = firstMillis;
            this.lastMillis = lastMillis;
        }
    }
}
