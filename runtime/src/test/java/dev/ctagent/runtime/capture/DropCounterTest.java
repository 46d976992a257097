package dev.ctagent.runtime.capture;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class DropCounterTest {
    @Test
    void takeIsNullWhenNothingWasDropped() {
        DropCounter d = new DropCounter();
        assertThat(d.take()).isNull();
        assertThat(d.total()).isZero();
    }

    @Test
    void takeReportsCountAndSpanOnce() {
        DropCounter d = new DropCounter();
        d.record(1_000);
        d.record(2_000);
        d.record(3_000);
        DropCounter.DroppedInterval in = d.take();
        assertThat(in.count).isEqualTo(3);
        assertThat(in.firstMillis).isEqualTo(1_000);
        assertThat(in.lastMillis).isEqualTo(3_000);
        assertThat(d.take()).isNull();
        assertThat(d.total()).isEqualTo(3);
    }

    @Test
    void eachIntervalStartsAfterThePreviousTake() {
        DropCounter d = new DropCounter();
        d.record(1_000);
        d.record(1_500);
        assertThat(d.take().count).isEqualTo(2);
        d.record(5_000);
        DropCounter.DroppedInterval second = d.take();
        assertThat(second.count).isEqualTo(1);
        assertThat(second.firstMillis).isEqualTo(5_000);
        assertThat(second.lastMillis).isEqualTo(5_000);
        d.record(6_000);
        d.record(7_000);
        DropCounter.DroppedInterval third = d.take();
        assertThat(third.count).isEqualTo(2);
        assertThat(third.firstMillis).isEqualTo(6_000);
        assertThat(third.lastMillis).isEqualTo(7_000);
        assertThat(d.total()).isEqualTo(5);
        assertThat(d.take()).isNull();
    }

    @Test
    void lastIsNeverBeforeFirst() {
        DropCounter d = new DropCounter();
        d.record(9_000);
        d.record(8_000); // the clock stepped back
        DropCounter.DroppedInterval in = d.take();
        assertThat(in.count).isEqualTo(2);
        assertThat(in.firstMillis).isEqualTo(9_000);
        assertThat(in.lastMillis).isGreaterThanOrEqualTo(in.firstMillis);
    }

    @Test
    void everyConcurrentDropIsReportedInExactlyOneInterval() throws Exception {
        int threads = 4;
        int each = 20_000;
        DropCounter d = new DropCounter();
        CountDownLatch go = new CountDownLatch(1);
        AtomicInteger running = new AtomicInteger(threads);
        List<Thread> ts = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            long base = 1_000_000L * (t + 1);
            Thread th = new Thread(() -> {
                try {
                    go.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
                for (int i = 0; i < each; i++) {
                    d.record(base + i);
                }
                running.decrementAndGet();
            });
            th.start();
            ts.add(th);
        }
        go.countDown();
        long reported = 0;
        int intervals = 0;
        boolean producersDone = false;
        while (!producersDone) {
            producersDone = running.get() == 0; // read before take so the last take sees every record
            DropCounter.DroppedInterval in = d.take();
            if (in != null) {
                intervals++;
                reported += in.count;
                assertThat(in.count).isPositive();
                assertThat(in.firstMillis).isPositive();
                assertThat(in.lastMillis).isGreaterThanOrEqualTo(in.firstMillis);
            }
        }
        for (Thread th : ts) {
            th.join();
        }
        assertThat(d.take()).isNull();
        assertThat(reported).isEqualTo((long) threads * each);
        assertThat(d.total()).isEqualTo((long) threads * each);
        assertThat(intervals).isPositive();
    }
}
