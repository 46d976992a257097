package dev.ctagent.benchmarks;

import com.lmax.disruptor.BatchEventProcessor;
import com.lmax.disruptor.BatchEventProcessorBuilder;
import com.lmax.disruptor.RingBuffer;
import dev.ctagent.runtime.capture.CaptureRing;
import dev.ctagent.runtime.capture.CapturedCall;
import dev.ctagent.runtime.capture.ServedCall;
import dev.ctagent.runtime.config.WhenFull;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The capture ring alone, as an application thread uses it: {@code claim()}, store the references a
 * served request's capture stores into the slot, {@code publish()}. The ring is the agent's default
 * ({@link CaptureRing}: 65 536 slots, multi-producer, drop when full, parking writer wait strategy).
 *
 * <ul>
 *   <li>{@code publish*}: a background consumer (a Disruptor {@link BatchEventProcessor}, as the real
 *       writer uses) drains the ring with a handler that only clears the slot, so the ring has room and
 *       every op is a real claim + fill + publish. The aux counters {@code published}/{@code dropped}
 *       show whether that held.</li>
 *   <li>{@code publishPaced}: one producer that idles between calls ({@link Pacer}, outside the measured
 *       time), so the consumer has parked and the slot's cache lines have moved to its core: the ring's share
 *       of the paced served-request figure.</li>
 *   <li>{@code drop*}: no consumer; the ring fills during warm-up and every op takes the full-ring path
 *       (counted drop). That is what most requests of the saturated served-request benchmark pay.</li>
 * </ul>
 * With 2 producers plus the consumer, this 2-core machine is oversubscribed; that figure is pessimistic.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 2)
@Fork(value = 3, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class EnqueueBenchmark {
    private static final int CAPACITY = 65_536;
    private static final long WRITER_TICK_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

    private static final String METHOD = "GET";
    private static final String URI = "/owners/7";
    private static final String QUERY = "a=1";
    private static final String HOST = "petclinic.example.com:8080";
    private static final String USER_AGENT = "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0";
    private static final String REMOTE = "203.0.113.7";

    /** A ring drained by a background consumer thread. */
    @State(Scope.Benchmark)
    public static class DrainedRing {
        CaptureRing ring;
        private BatchEventProcessor<CapturedCall> processor;
        private Thread consumer;

        @Setup(Level.Trial)
        public void start() {
            ring = new CaptureRing(CAPACITY, WhenFull.DROP, WRITER_TICK_NANOS);
            RingBuffer<CapturedCall> rb = ring.ringBuffer();
            processor = new BatchEventProcessorBuilder().build(rb, rb.newBarrier(),
                    (call, sequence, endOfBatch) -> call.clear());
            rb.addGatingSequences(processor.getSequence());
            consumer = new Thread(processor, "ring-consumer");
            consumer.setDaemon(true);
            consumer.start();
            ring.setAccepting(true);
        }

        @TearDown(Level.Trial)
        public void stop() throws InterruptedException {
            processor.halt();
            consumer.join(10_000);
        }
    }

    /** A ring nobody consumes: full after its first 65 536 claims. */
    @State(Scope.Benchmark)
    public static class FullRing {
        CaptureRing ring;

        @Setup(Level.Trial)
        public void start() {
            ring = new CaptureRing(CAPACITY, WhenFull.DROP, WRITER_TICK_NANOS);
            ring.ringBuffer().addGatingSequences(new com.lmax.disruptor.Sequence(-1)); // a consumer that never moves
            ring.setAccepting(true);
        }
    }

    /** Per-thread outcome of every op, reported next to the time. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.EVENTS)
    public static class Outcome {
        public long published;
        public long dropped;

        @Setup(Level.Iteration)
        public void reset() {
            published = 0;
            dropped = 0;
        }
    }

    @Benchmark
    @Threads(1)
    public void publish1Producer(DrainedRing r, Outcome o) {
        enqueue(r.ring, o);
    }

    @Benchmark
    @Threads(2)
    public void publish2Producers(DrainedRing r, Outcome o) {
        enqueue(r.ring, o);
    }

    /** One producer idling {@code paceMicros} between calls, as in the paced served-request benchmark. */
    @Benchmark
    @Threads(1)
    public void publishPaced(DrainedRing r, Outcome o, Pacer pacer) {
        enqueue(r.ring, o);
    }

    @Benchmark
    @Threads(1)
    public void drop1Producer(FullRing r, Outcome o) {
        enqueue(r.ring, o);
    }

    @Benchmark
    @Threads(2)
    public void drop2Producers(FullRing r, Outcome o) {
        enqueue(r.ring, o);
    }

    /** What {@code ServletCapture.record} does for a plain GET, minus the servlet getters. */
    private static void enqueue(CaptureRing ring, Outcome o) {
        long seq = ring.claim();
        if (seq < 0) {
            o.dropped++;
            return;
        }
        CapturedCall call = ring.slot(seq);
        try {
            ServedCall s = call.served;
            s.method = METHOD;
            s.requestUri = URI;
            s.queryString = QUERY;
            s.host = HOST;
            s.userAgent = USER_AGENT;
            s.authorization = null;
            s.forwardedFor = null;
            s.requestIdHeader = null;
            s.remoteAddr = REMOTE;
            s.principalName = null;
            s.contentType = null;
            s.secure = false;
            s.status = 200;
            s.thrown = null;
            s.handler = null;
            s.routePattern = null;
            call.eventTimeMillis = System.currentTimeMillis();
            call.kind = CapturedCall.SERVED;
        } finally {
            ring.publish(seq);
        }
        o.published++;
    }
}
