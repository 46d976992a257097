package dev.ctagent.benchmarks;

import java.lang.management.ManagementFactory;
import org.openjdk.jmh.annotations.Fork;

/**
 * {@link ServedRequestBenchmark} with the real agent, logging stopped through its status MBean before the
 * first measured call: what the instrumentation costs when it captures nothing (advice, bridge, depth
 * counter, the hook's first check). A decomposition aid, not a supported configuration figure.
 */
@Fork(value = 3, jvmArgsAppend = {"-Xms1g", "-Xmx1g", "-javaagent:agent/target/ct-agent.jar",
        "-Dct.dir=" + ServedRequestBenchmark.TRAIL_DIR})
public class ServedRequestAgentOff extends ServedRequestBenchmark {
    @Override
    protected boolean expectsAgent() {
        return true;
    }

    @Override
    protected boolean expectsCapture() {
        return false;
    }

    @Override
    protected void prepareAgent() throws Exception {
        javax.management.ObjectName name = statusMBean();
        if (name == null) {
            throw new IllegalStateException("the agent's status MBean did not appear");
        }
        ManagementFactory.getPlatformMBeanServer().invoke(name, "stopLogging", null, null);
    }
}
