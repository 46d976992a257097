package dev.ctagent.benchmarks;

import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Idles the benchmark thread (a busy spin) before each invocation, in a per-invocation setup that JMH
 * leaves out of the measured time. It keeps the request rate below what the agent's writer can take, so
 * every call is captured and written rather than dropped. JMH then timestamps every invocation itself:
 * about 30-40 ns of timer cost is in every paced figure, for both variants alike.
 */
@State(Scope.Thread)
public class Pacer {
    /** 20 µs of idle per call keeps the rate under ~50 000/s, well within the writer's throughput. */
    @Param({"20"})
    public int paceMicros;

    @Setup(Level.Invocation)
    public void idle() {
        long until = System.nanoTime() + paceMicros * 1000L;
        while (System.nanoTime() - until < 0) {
            Thread.onSpinWait();
        }
    }
}
