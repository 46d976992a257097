package dev.ctagent.benchmarks;

import org.openjdk.jmh.annotations.Fork;

/**
 * {@link ServedRequestBenchmark} with the real agent. The jar path is relative to the working directory,
 * which JMH forks inherit: run {@code java -jar benchmarks/target/benchmarks.jar} from the reactor root
 * (or from any directory holding {@code agent/target/ct-agent.jar}). Default agent settings: a 65 536-slot
 * ring, {@code ct.buffer.whenFull=drop}, gzip level 6.
 */
@Fork(value = 3, jvmArgsAppend = {"-Xms1g", "-Xmx1g", "-javaagent:agent/target/ct-agent.jar",
        "-Dct.dir=" + ServedRequestBenchmark.TRAIL_DIR})
public class ServedRequestAgent extends ServedRequestBenchmark {
    @Override
    protected boolean expectsAgent() {
        return true;
    }
}
