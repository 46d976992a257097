package dev.ctagent.benchmarks;

import java.lang.management.ManagementFactory;
import javax.management.ObjectName;
import org.openjdk.jmh.annotations.Fork;

/**
 * {@link SdkCallBenchmark} with the real agent, logging stopped through its status MBean before the first
 * measured call: the chain advice then leaves every SDK v2 chain as it is, the v1 handler stays on the
 * client but the ring refuses its calls, and the writer thread has nothing to write. A control for the
 * end-to-end figures (what the writer thread's activity does to a loopback round trip on 2 vCPUs), not a
 * supported configuration figure.
 */
@Fork(value = 2, jvmArgsAppend = {"-Xms1g", "-Xmx1g", "-Daws.java.v1.disableDeprecationAnnouncement=true",
        "-javaagent:agent/target/ct-agent.jar",
        "-Dct.dir=" + SdkCallBenchmark.TRAIL_DIR, "-Dct.digest.enabled=false"})
public class SdkCallAgentOff extends SdkCallBenchmark {
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
        ObjectName name = ServedRequestBenchmark.statusMBean();
        if (name == null) {
            throw new IllegalStateException("the agent's status MBean did not appear");
        }
        ManagementFactory.getPlatformMBeanServer().invoke(name, "stopLogging", null, null);
    }
}
