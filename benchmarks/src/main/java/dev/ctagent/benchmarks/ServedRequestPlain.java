package dev.ctagent.benchmarks;

import org.openjdk.jmh.annotations.Fork;

/** {@link ServedRequestBenchmark} without any agent: the baseline. */
@Fork(value = 3, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class ServedRequestPlain extends ServedRequestBenchmark {
    @Override
    protected boolean expectsAgent() {
        return false;
    }
}
