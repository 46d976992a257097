package dev.ctagent.runtime.capture;

import com.lmax.disruptor.AlertException;
import com.lmax.disruptor.Sequence;
import com.lmax.disruptor.SequenceBarrier;
import com.lmax.disruptor.TimeoutException;
import com.lmax.disruptor.WaitStrategy;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongPredicate;

/**
 * How the writer waits for calls: it parks 4 ms at a time and never spins. Producers never signal, so
 * publishing costs an application thread no lock and no wake-up call. Nothing needs a call written within
 * microseconds, so the writer wakes at most 250 times a second and finds a batch each time. At 8 000
 * requests/s, parks starting at 50 µs woke it for nearly every call, and its CPU per call was twice what
 * it is at saturation; with 4 ms parks the difference is gone (BENCHMARKS.md §8). 4 ms is 4 000 calls even
 * at a million a second, far below the ring's capacity. After {@code timeoutNanos} without a call the wait ends with
 * {@link TimeoutException} so the writer can flush and roll files on time.
 *
 * <p>It waits for the slot to be <em>published</em>, not only claimed. With several producers the cursor
 * moves at claim time; a strategy that returned on the cursor alone handed the barrier a sequence whose
 * producer was still filling its slot (or was descheduled there), the barrier answered "nothing yet", and
 * the writer came straight back: a hot loop that took a third of the writer's samples under load.
 */
public final class ParkingWaitStrategy implements WaitStrategy {
    private static final long PARK_NANOS = 4_000_000;
    private final long timeoutNanos;
    private volatile LongPredicate published = sequence -> true;

    public ParkingWaitStrategy(long timeoutNanos) {
        this.timeoutNanos = timeoutNanos;
    }

    /** The ring's own test of whether a claimed sequence has been published ({@code RingBuffer::isAvailable}). */
    void watch(LongPredicate isPublished) {
        this.published = isPublished;
    }

    @Override
    public long waitFor(long sequence, Sequence cursor, Sequence dependentSequence, SequenceBarrier barrier)
            throws AlertException, TimeoutException {
        LongPredicate isPublished = published;
        long available = dependentSequence.get();
        if (available >= sequence && isPublished.test(sequence)) {
            return available;
        }
        long deadline = System.nanoTime() + timeoutNanos;
        while ((available = dependentSequence.get()) < sequence || !isPublished.test(sequence)) {
            barrier.checkAlert();
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw TimeoutException.INSTANCE;
            }
            LockSupport.parkNanos(Math.min(PARK_NANOS, left));
        }
        return available;
    }

    @Override
    public void signalAllWhenBlocking() {
        // Producers do not signal: the writer polls (see class comment).
    }
}
