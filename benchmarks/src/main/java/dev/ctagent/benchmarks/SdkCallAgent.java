package dev.ctagent.benchmarks;

import org.openjdk.jmh.annotations.Fork;

/**
 * {@link SdkCallBenchmark} with the real agent. The jar path is relative to the working directory, which
 * JMH forks inherit: run {@code java -jar benchmarks/target/benchmarks.jar} from the reactor root (or from
 * any directory holding {@code agent/target/ct-agent.jar}). Default agent settings (65 536-slot ring,
 * {@code ct.buffer.whenFull=drop}, gzip 6), digests off: signing is not on the calling thread.
 */
@Fork(value = 2, jvmArgsAppend = {"-Xms1g", "-Xmx1g", "-Daws.java.v1.disableDeprecationAnnouncement=true",
        "-javaagent:agent/target/ct-agent.jar",
        "-Dct.dir=" + SdkCallBenchmark.TRAIL_DIR, "-Dct.digest.enabled=false"})
public class SdkCallAgent extends SdkCallBenchmark {
    @Override
    protected boolean expectsAgent() {
        return true;
    }
}
