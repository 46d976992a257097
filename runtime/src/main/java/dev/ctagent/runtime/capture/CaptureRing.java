package dev.ctagent.runtime.capture;

import com.lmax.disruptor.InsufficientCapacityException;
import com.lmax.disruptor.RingBuffer;
import dev.ctagent.runtime.config.WhenFull;
import java.util.concurrent.locks.LockSupport;

/**
 * The bounded, lock-free, multi-producer ring between application threads and the one writer thread
 * (an LMAX Disruptor ring of preallocated {@link CapturedCall} slots).
 *
 * <p>Producer protocol, allocation-free: {@code long seq = ring.claim(); if (seq >= 0) { try { fill
 * ring.slot(seq) } finally { ring.publish(seq); } }}. A slot whose filling failed keeps kind
 * {@link CapturedCall#SKIP} and is still published, so the ring never stalls.
 */
public final class CaptureRing {
    private static final long BLOCK_MAX_PARK_NANOS = 1_000_000;
    private final RingBuffer<CapturedCall> ring;
    private final WhenFull whenFull;
    private final DropCounter drops = new DropCounter();
    private volatile boolean accepting; // off until a consumer is attached (Trail.start)
    private volatile boolean consumerRunning = true;

    public CaptureRing(int capacity, WhenFull whenFull, long writerTickNanos) {
        ParkingWaitStrategy waiting = new ParkingWaitStrategy(writerTickNanos);
        this.ring = RingBuffer.createMultiProducer(CapturedCall::new, capacity, waiting);
        waiting.watch(ring::isAvailable);
        this.whenFull = whenFull;
    }

    /**
     * Claims a slot for a call that just completed. Returns its sequence, or -1 when capture is off or
     * the ring is full in drop mode (then the drop is counted). In block mode waits for room, unless the
     * writer has stopped, in which case the call is dropped and counted rather than hanging the caller.
     */
    public long claim() {
        if (!accepting) {
            return -1;
        }
        try {
            return ring.tryNext();
        } catch (InsufficientCapacityException full) {
            return whenFull == WhenFull.BLOCK ? claimWaiting() : dropped();
        }
    }

    private long claimWaiting() {
        long park = 1_000;
        while (consumerRunning) {
            try {
                return ring.tryNext();
            } catch (InsufficientCapacityException full) {
                LockSupport.parkNanos(park);
                park = Math.min(park * 2, BLOCK_MAX_PARK_NANOS);
            }
        }
        return dropped();
    }

    private long dropped() {
        drops.record(System.currentTimeMillis());
        return -1;
    }

    public CapturedCall slot(long sequence) {
        return ring.get(sequence);
    }

    public void publish(long sequence) {
        ring.publish(sequence);
    }

    /** Whether application threads may claim slots (false after stopLogging, a bad config or shutdown). */
    public boolean accepting() {
        return accepting;
    }

    public void setAccepting(boolean accepting) {
        this.accepting = accepting;
    }

    /** Called by the writer when it stops consuming, so block mode can never hang a request. */
    public void consumerStopped() {
        consumerRunning = false;
        accepting = false;
    }

    /** Slots claimed since start: every call accepted into the ring. */
    public long captured() {
        return ring.getCursor() + 1;
    }

    public DropCounter drops() {
        return drops;
    }

    public int capacity() {
        return ring.getBufferSize();
    }

    /** For the writer: the Disruptor ring it consumes. */
    public RingBuffer<CapturedCall> ringBuffer() {
        return ring;
    }
}
