package dev.ctagent.runtime.capture;

import com.lmax.disruptor.AlertException;
import com.lmax.disruptor.Sequence;
import com.lmax.disruptor.SequenceBarrier;
import com.lmax.disruptor.TimeoutException;
import com.lmax.disruptor.WaitStrategy;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongPredicate;

/**
 * How the writer waits for calls: it parks for growing spells (1 ms up to 4 ms) and never spins. Producers
 * never signal, so publishing costs an application thread no lock and no wake-up call. Nothing needs a
 * call written within microseconds, so the writer wakes at most ~1 000 times a second and finds a batch
 * each time: at 8 000 requests/s a 50 µs first park woke it for nearly every call, and those wake-ups cost
 * more CPU than writing the calls. After {@code timeoutNanos} without a call the wait ends with
 * {@link TimeoutException} so the writer can flush and roll files on time.
 *
 * <p>It waits for the slot to be <em>published</em>, not only claimed. With several producers the cursor
 * moves at claim time; a strategy that returned on the cursor alone handed the barrier a sequence whose
 * producer was still filling its slot (or was descheduled there), the barrier answered "nothing yet", and
 * the writer came straight back: a hot loop that took a third of the writer's samples under load.
 */
public final class ParkingWaitStrategy implements WaitStrategy {
    private static final long MIN_PARK_NANOS = 1_000_000;
    private static final long MAX_PARK_NANOS = 4_000_000;
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
        long park = MIN_PARK_NANOS;
        while ((available = dependentSequence.get()) < sequence || !isPublished.test(sequence)) {
            barrier.checkAlert();
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
