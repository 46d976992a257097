package dev.ctagent.runtime.capture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import com.lmax.disruptor.BatchEventProcessor;
import com.lmax.disruptor.BatchEventProcessorBuilder;
import com.lmax.disruptor.EventHandler;
import com.lmax.disruptor.Sequence;
import dev.ctagent.runtime.config.WhenFull;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Hangs are guarded by the class timeout; no assertion is about elapsed time. */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class CaptureRingTest {
    private static final long TICK = 1_000_000; // writer wait timeout, 1 ms
    private final List<Thread> threads = new ArrayList<>();
    private final List<BatchEventProcessor<CapturedCall>> processors = new ArrayList<>();

    @AfterEach
    void stopThreads() throws InterruptedException {
        processors.forEach(BatchEventProcessor::halt);
        for (Thread t : threads) {
            t.join(10_000); // cleanup only; a stuck thread is a daemon and the test already failed
        }
    }

    private Thread start(Runnable r) {
        Thread t = new Thread(r, "test-" + threads.size());
        t.setDaemon(true);
        threads.add(t);
        t.start();
        return t;
    }

    /** A ring whose only consumer never advances: room for exactly {@code capacity} claims. */
    private static CaptureRing stalledRing(int capacity, WhenFull whenFull, Sequence consumer) {
        CaptureRing ring = new CaptureRing(capacity, whenFull, TICK);
        ring.ringBuffer().addGatingSequences(consumer);
        ring.setAccepting(true);
        return ring;
    }

    private static void fill(CaptureRing ring, String uri) {
        long seq = ring.claim();
        assertThat(seq).isGreaterThanOrEqualTo(0);
        try {
            CapturedCall c = ring.slot(seq);
            c.kind = CapturedCall.SERVED;
            c.eventTimeMillis = 1234;
            c.served.requestUri = uri;
        } finally {
            ring.publish(seq);
        }
    }

    /** Waits until {@code t} is parked inside CaptureRing (it can only be the block-mode wait for room). */
    private static void awaitParkedInClaim(Thread t) {
        while (true) {
            if (!t.isAlive()) {
                fail("producer returned instead of waiting for room");
            }
            if (t.getState() == Thread.State.TIMED_WAITING && Arrays.stream(t.getStackTrace())
                    .anyMatch(f -> f.getClassName().equals(CaptureRing.class.getName()))) {
                return;
            }
            Thread.yield();
        }
    }

    private static final class Recorder implements EventHandler<CapturedCall> {
        final List<String> uris = Collections.synchronizedList(new ArrayList<>());
        final CountDownLatch seen;
        volatile boolean everyCallArrivedFilled = true;

        Recorder(int expected) {
            seen = new CountDownLatch(expected);
        }

        @Override
        public void onEvent(CapturedCall call, long sequence, boolean endOfBatch) {
            if (call.kind != CapturedCall.SERVED || call.eventTimeMillis != 1234) {
                everyCallArrivedFilled = false;
            }
            uris.add(call.served.requestUri);
            call.clear();
            seen.countDown();
        }
    }

    private Recorder consume(CaptureRing ring, int expected) {
        Recorder r = new Recorder(expected);
        BatchEventProcessor<CapturedCall> p = new BatchEventProcessorBuilder()
                .build(ring.ringBuffer(), ring.ringBuffer().newBarrier(), r);
        ring.ringBuffer().addGatingSequences(p.getSequence());
        processors.add(p);
        start(p);
        return r;
    }

    @Test
    void notAcceptingUntilTurnedOn() {
        CaptureRing ring = new CaptureRing(8, WhenFull.DROP, TICK);
        assertThat(ring.accepting()).isFalse();
        assertThat(ring.claim()).isEqualTo(-1);
        assertThat(ring.captured()).isZero();
        assertThat(ring.drops().total()).as("capture off is not a drop").isZero();
        ring.setAccepting(true);
        assertThat(ring.accepting()).isTrue();
        assertThat(ring.claim()).isEqualTo(0);
        ring.setAccepting(false);
        assertThat(ring.claim()).isEqualTo(-1);
        assertThat(ring.captured()).isEqualTo(1);
    }

    @Test
    void capacityIsTheRingSize() {
        assertThat(new CaptureRing(16, WhenFull.DROP, TICK).capacity()).isEqualTo(16);
        assertThat(new CaptureRing(16, WhenFull.DROP, TICK).ringBuffer().getBufferSize()).isEqualTo(16);
    }

    @Test
    void capacityMustBeAPowerOfTwo() {
        assertThatThrownBy(() -> new CaptureRing(6, WhenFull.DROP, TICK))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void consumerReceivesEveryPublishedCallInOrder() throws Exception {
        CaptureRing ring = new CaptureRing(4, WhenFull.BLOCK, TICK);
        Recorder r = consume(ring, 50);
        ring.setAccepting(true);
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            fill(ring, "/" + i);
            expected.add("/" + i);
        }
        r.seen.await();
        assertThat(r.uris).containsExactlyElementsOf(expected);
        assertThat(r.everyCallArrivedFilled).isTrue();
        assertThat(ring.captured()).isEqualTo(50);
        assertThat(ring.drops().total()).isZero();
    }

    @Test
    void manyProducersInBlockModeLoseNothing() throws Exception {
        int producers = 4;
        int each = 2_000;
        CaptureRing ring = new CaptureRing(8, WhenFull.BLOCK, TICK);
        Recorder r = consume(ring, producers * each);
        ring.setAccepting(true);
        CyclicBarrier go = new CyclicBarrier(producers);
        for (int p = 0; p < producers; p++) {
            int id = p;
            start(() -> {
                try {
                    go.await();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
                for (int i = 0; i < each; i++) {
                    fill(ring, id + ":" + i);
                }
            });
        }
        r.seen.await();
        assertThat(new HashSet<>(r.uris)).hasSize(producers * each);
        assertThat(r.uris).hasSize(producers * each);
        assertThat(ring.captured()).isEqualTo(producers * each);
        assertThat(ring.drops().total()).isZero();
        // Each producer's calls arrive in the order it published them.
        for (int p = 0; p < producers; p++) {
            String prefix = p + ":";
            List<String> mine = new ArrayList<>();
            for (String u : r.uris) {
                if (u.startsWith(prefix)) {
                    mine.add(u);
                }
            }
            for (int i = 0; i < each; i++) {
                assertThat(mine.get(i)).isEqualTo(prefix + i);
            }
        }
    }

    @Test
    void dropModeFullRingRejectsAndCountsEveryFurtherClaim() {
        Sequence stalled = new Sequence(-1);
        CaptureRing ring = stalledRing(8, WhenFull.DROP, stalled);
        for (int i = 0; i < 8; i++) {
            long seq = ring.claim();
            assertThat(seq).isEqualTo(i);
            ring.publish(seq);
        }
        for (int i = 1; i <= 37; i++) {
            assertThat(ring.claim()).isEqualTo(-1);
            assertThat(ring.drops().total()).isEqualTo(i);
        }
        assertThat(ring.captured()).isEqualTo(8);
        // Room again once the consumer moves on.
        stalled.set(0);
        assertThat(ring.claim()).isEqualTo(8);
        assertThat(ring.claim()).isEqualTo(-1);
        assertThat(ring.drops().total()).isEqualTo(38);
        assertThat(ring.captured()).isEqualTo(9);
    }

    @Test
    void dropModeCountsExactlyUnderConcurrentProducers() throws Exception {
        int producers = 4;
        int each = 500;
        CaptureRing ring = stalledRing(16, WhenFull.DROP, new Sequence(-1));
        AtomicLong claimed = new AtomicLong();
        AtomicLong rejected = new AtomicLong();
        CyclicBarrier go = new CyclicBarrier(producers);
        List<Thread> ts = new ArrayList<>();
        for (int p = 0; p < producers; p++) {
            ts.add(start(() -> {
                try {
                    go.await();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
                for (int i = 0; i < each; i++) {
                    long seq = ring.claim();
                    if (seq >= 0) {
                        ring.publish(seq);
                        claimed.incrementAndGet();
                    } else {
                        rejected.incrementAndGet();
                    }
                }
            }));
        }
        for (Thread t : ts) {
            t.join();
        }
        assertThat(claimed.get()).isEqualTo(16);
        assertThat(ring.captured()).isEqualTo(16);
        assertThat(rejected.get()).isEqualTo(producers * each - 16);
        assertThat(ring.drops().total()).isEqualTo(producers * each - 16);
        DropCounter.DroppedInterval in = ring.drops().take();
        assertThat(in.count).isEqualTo(producers * each - 16);
        assertThat(ring.drops().take()).isNull();
    }

    @Test
    void dropsAreStampedWithWallClockTime() {
        CaptureRing ring = stalledRing(2, WhenFull.DROP, new Sequence(-1));
        ring.publish(ring.claim());
        ring.publish(ring.claim());
        long before = System.currentTimeMillis();
        assertThat(ring.claim()).isEqualTo(-1);
        assertThat(ring.claim()).isEqualTo(-1);
        long after = System.currentTimeMillis();
        DropCounter.DroppedInterval in = ring.drops().take();
        assertThat(in.count).isEqualTo(2);
        assertThat(in.firstMillis).isBetween(before, after);
        assertThat(in.lastMillis).isBetween(in.firstMillis, after);
    }

    @Test
    void blockModeProducerWaitsForRoomAndProceedsWhenTheConsumerAdvances() throws Exception {
        Sequence consumer = new Sequence(-1);
        CaptureRing ring = stalledRing(4, WhenFull.BLOCK, consumer);
        for (int i = 0; i < 4; i++) {
            fill(ring, "/" + i);
        }
        AtomicLong result = new AtomicLong(Long.MIN_VALUE);
        CountDownLatch done = new CountDownLatch(1);
        Thread producer = start(() -> {
            result.set(ring.claim());
            done.countDown();
        });
        awaitParkedInClaim(producer);
        assertThat(done.getCount()).isEqualTo(1);
        assertThat(ring.captured()).isEqualTo(4);

        consumer.set(0); // the writer consumed slot 0
        done.await();
        assertThat(result.get()).isEqualTo(4);
        ring.publish(result.get());
        assertThat(ring.captured()).isEqualTo(5);
        assertThat(ring.drops().total()).isZero();
        assertThat(ring.drops().take()).isNull();
    }

    @Test
    void blockModeProducerGivesUpAndCountsADropWhenTheConsumerStops() throws Exception {
        CaptureRing ring = stalledRing(4, WhenFull.BLOCK, new Sequence(-1));
        for (int i = 0; i < 4; i++) {
            fill(ring, "/" + i);
        }
        AtomicLong result = new AtomicLong(Long.MIN_VALUE);
        CountDownLatch done = new CountDownLatch(1);
        Thread producer = start(() -> {
            result.set(ring.claim());
            done.countDown();
        });
        awaitParkedInClaim(producer);
        assertThat(ring.drops().total()).isZero();

        ring.consumerStopped();
        done.await();
        assertThat(result.get()).isEqualTo(-1);
        assertThat(ring.drops().total()).isEqualTo(1);
        assertThat(ring.accepting()).isFalse();
        assertThat(ring.captured()).isEqualTo(4);
    }

    @Test
    void afterConsumerStoppedClaimsReturnImmediatelyInBlockMode() {
        CaptureRing ring = stalledRing(2, WhenFull.BLOCK, new Sequence(-1));
        ring.publish(ring.claim());
        ring.publish(ring.claim());
        ring.consumerStopped();
        assertThat(ring.claim()).isEqualTo(-1);
        // Even if something turns accepting back on, a full ring with no consumer must not hang a caller.
        ring.setAccepting(true);
        assertThat(ring.claim()).isEqualTo(-1);
        assertThat(ring.drops().total()).isEqualTo(1);
    }

    @Test
    void capturedCountsClaimedSlotsPublishedOrNot() {
        CaptureRing ring = stalledRing(8, WhenFull.DROP, new Sequence(-1));
        assertThat(ring.captured()).isZero();
        long a = ring.claim();
        long b = ring.claim();
        assertThat(ring.captured()).isEqualTo(2);
        ring.publish(b);
        ring.publish(a);
        long c = ring.claim();
        assertThat(c).isEqualTo(2);
        assertThat(ring.captured()).isEqualTo(3);
    }

    @Test
    void slotsArePreallocatedAndReused() {
        CaptureRing ring = new CaptureRing(2, WhenFull.DROP, TICK);
        ring.setAccepting(true); // no consumer gating: the ring wraps freely
        Set<CapturedCall> distinct = Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        for (int i = 0; i < 6; i++) {
            long seq = ring.claim();
            distinct.add(ring.slot(seq));
            ring.publish(seq);
        }
        assertThat(distinct).hasSize(2);
        assertThat(ring.slot(0)).isSameAs(ring.slot(2)).isNotSameAs(ring.slot(1));
        assertThat(ring.slot(0).kind).isEqualTo(CapturedCall.SKIP);
    }
}
