package dev.ctagent.runtime.capture;

import com.lmax.disruptor.AlertException;
import com.lmax.disruptor.Sequence;
import com.lmax.disruptor.SequenceBarrier;
import com.lmax.disruptor.TimeoutException;
import com.lmax.disruptor.WaitStrategy;
import java.util.concurrent.locks.LockSupport;

/**
 * How the writer waits for calls: spin briefly, then park for growing spells (50 µs up to 4 ms).
 * Producers never signal, so publishing costs an application thread no lock and no wake-up call; an
 * idle writer wakes a few hundred times a second at most. After {@code timeoutNanos} without a call the
 * wait ends with {@link TimeoutException} so the writer can flush and roll files on time.
 */
public final class ParkingWaitStrategy implements WaitStrategy {
    private static final long MIN_PARK_NANOS = 50_000;
    private static final long MAX_PARK_NANOS = 4_000_000;
    private static final int SPINS = 100;
    private final long timeoutNanos;

    public ParkingWaitStrategy(long timeoutNanos) {
        this.timeoutNanos = timeoutNanos;
    }

    @Override
    public long waitFor(long sequence, Sequence cursor, Sequence dependentSequence, SequenceBarrier barrier)
            throws AlertException, TimeoutException {
        long available = dependentSequence.get();
        if (available >= sequence) {
            return available;
        }
        long deadline = System.nanoTime() + timeoutNanos;
        long park = MIN_PARK_NANOS;
        int spins = SPINS;
        while ((available = dependentSequence.get()) < sequence) {
            barrier.checkAlert();
            if (spins > 0) {
                spins--;
                Thread.onSpinWait();
                continue;
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw TimeoutException.INSTANCE;
            }
            LockSupport.parkNanos(Math.min(park, left));
            park = Math.min(park * 2, MAX_PARK_NANOS);
        }
        return available;
    }

    @Override
    public void signalAllWhenBlocking() {
        // Producers do not signal: the writer polls (see class comment).
    }
}
