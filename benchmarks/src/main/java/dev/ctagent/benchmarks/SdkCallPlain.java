package dev.ctagent.benchmarks;

import org.openjdk.jmh.annotations.Fork;

/** {@link SdkCallBenchmark} without any agent: the baseline. */
@Fork(value = 2, jvmArgsAppend = {"-Xms1g", "-Xmx1g", "-Daws.java.v1.disableDeprecationAnnouncement=true"})
public class SdkCallPlain extends SdkCallBenchmark {
    @Override
    protected boolean expectsAgent() {
        return false;
    }
}
