package dev.ctagent.runtime.capture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verifyNoInteractions;

import com.lmax.disruptor.AlertException;
import com.lmax.disruptor.RingBuffer;
import com.lmax.disruptor.Sequence;
import com.lmax.disruptor.SequenceBarrier;
import com.lmax.disruptor.TimeoutException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The class timeout only guards against hangs; no assertion is about elapsed time. */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class ParkingWaitStrategyTest {
    private static final long LONG_TIMEOUT = TimeUnit.MINUTES.toNanos(10);
    private static final long TINY_TIMEOUT = TimeUnit.MILLISECONDS.toNanos(2);

    private static void awaitParked(Thread t) {
        while (t.isAlive() && t.getState() != Thread.State.TIMED_WAITING) {
            Thread.yield();
        }
    }

    @Test
    void returnsTheAvailableSequenceWhenItIsAlreadyThere() throws Exception {
        SequenceBarrier barrier = mock(SequenceBarrier.class);
        Sequence cursor = new Sequence(5);
        Sequence dependent = new Sequence(5);
        long got = new ParkingWaitStrategy(LONG_TIMEOUT).waitFor(3, cursor, dependent, barrier);
        assertThat(got).isEqualTo(5);
        verifyNoInteractions(barrier);
    }

    @Test
    void returnsOnceAnotherThreadMakesTheSequenceAvailable() throws Exception {
        SequenceBarrier barrier = mock(SequenceBarrier.class);
        Sequence cursor = new Sequence(-1);
        Sequence dependent = new Sequence(-1);
        ParkingWaitStrategy s = new ParkingWaitStrategy(LONG_TIMEOUT);
        AtomicLong got = new AtomicLong(Long.MIN_VALUE);
        AtomicReference<Throwable> failed = new AtomicReference<>();
        CountDownLatch done = new CountDownLatch(1);
        Thread waiter = new Thread(() -> {
            try {
                got.set(s.waitFor(1, cursor, dependent, barrier));
            } catch (Throwable e) {
                failed.set(e);
            }
            done.countDown();
        });
        waiter.setDaemon(true);
        waiter.start();
        awaitParked(waiter); // parked in the wait loop
        dependent.set(0);
        cursor.set(0);
        assertThat(done.getCount()).as("sequence 0 is not yet sequence 1").isEqualTo(1);
        cursor.set(2);
        dependent.set(2);
        done.await();
        assertThat(failed.get()).isNull();
        assertThat(got.get()).isEqualTo(2);
    }

    @Test
    void aClaimedSlotIsNotHandedToTheWriterBeforeItsProducerPublishesIt() throws Exception {
        ParkingWaitStrategy s = new ParkingWaitStrategy(LONG_TIMEOUT);
        RingBuffer<CapturedCall> rb = RingBuffer.createMultiProducer(CapturedCall::new, 8, s);
        s.watch(rb::isAvailable);
        SequenceBarrier barrier = rb.newBarrier();
        long claimed = rb.next(); // a producer between claim and publish
        AtomicLong got = new AtomicLong(Long.MIN_VALUE);
        CountDownLatch done = new CountDownLatch(1);
        Thread writer = new Thread(() -> {
            try {
                got.set(barrier.waitFor(claimed));
            } catch (Exception e) {
                got.set(Long.MAX_VALUE);
            }
            done.countDown();
        });
        writer.setDaemon(true);
        writer.start();
        awaitParked(writer);
        assertThat(done.getCount()).as("the writer waits for the publish, not just the claim").isEqualTo(1);

        rb.publish(claimed);
        done.await();
        assertThat(got.get()).isEqualTo(claimed);
    }

    @Test
    void timesOutWhenNothingArrives() {
        SequenceBarrier barrier = mock(SequenceBarrier.class);
        ParkingWaitStrategy s = new ParkingWaitStrategy(TINY_TIMEOUT);
        assertThatThrownBy(() -> s.waitFor(0, new Sequence(-1), new Sequence(-1), barrier))
                .isInstanceOf(TimeoutException.class);
    }

    @Test
    void timesOutThroughARealBarrier() {
        RingBuffer<CapturedCall> rb = RingBuffer.createMultiProducer(CapturedCall::new, 8,
                new ParkingWaitStrategy(TINY_TIMEOUT));
        SequenceBarrier barrier = rb.newBarrier();
        assertThatThrownBy(() -> barrier.waitFor(0)).isInstanceOf(TimeoutException.class);
    }

    @Test
    void alertedBarrierThrowsAlertException() throws Exception {
        SequenceBarrier barrier = mock(SequenceBarrier.class);
        doThrow(AlertException.INSTANCE).when(barrier).checkAlert();
        ParkingWaitStrategy s = new ParkingWaitStrategy(LONG_TIMEOUT);
        assertThatThrownBy(() -> s.waitFor(0, new Sequence(-1), new Sequence(-1), barrier))
                .isInstanceOf(AlertException.class);
    }

    @Test
    void alertWhileWaitingEndsTheWait() throws Exception {
        RingBuffer<CapturedCall> rb = RingBuffer.createMultiProducer(CapturedCall::new, 8,
                new ParkingWaitStrategy(LONG_TIMEOUT));
        SequenceBarrier barrier = rb.newBarrier();
        ParkingWaitStrategy s = new ParkingWaitStrategy(LONG_TIMEOUT);
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        CountDownLatch done = new CountDownLatch(1);
        Thread waiter = new Thread(() -> {
            try {
                s.waitFor(0, new Sequence(-1), new Sequence(-1), barrier);
            } catch (Throwable e) {
                thrown.set(e);
            }
            done.countDown();
        });
        waiter.setDaemon(true);
        waiter.start();
        awaitParked(waiter);
        barrier.alert();
        done.await();
        assertThat(thrown.get()).isInstanceOf(AlertException.class);
    }
}
