package dev.ctagent.benchmarks;

import com.example.benchapp.LocalS3;
import com.example.benchapp.S3V1App;
import com.example.benchapp.S3V2App;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import javax.management.MBeanServer;
import javax.management.ObjectName;

/**
 * The SDK hooks' allocation on the calling thread, in place: one JVM with the real agent, the same
 * S3 HeadObject calls as {@link SdkCallBenchmark}, in blocks that alternate between logging on and
 * logging off (the agent's status MBean). Between two blocks only the agent's work changes, not the
 * JIT's compiled code, so the difference of bytes allocated per call by this thread (ThreadMXBean) is the
 * hooks' own; across separate JMH forks, JIT differences move the SDK's ~40–70 KB per call by a few
 * hundred bytes either way. CPU and wall time per call are printed too but are too noisy on 2 vCPUs to
 * resolve the hooks' sub-microsecond cost (see {@link SdkHookBenchmark} for that).
 *
 * <pre>
 * java -Xms1g -Xmx1g -javaagent:agent/target/ct-agent.jar -Dct.dir=/tmp/ct-agent-jmh-sdk-trail \
 *      -Dct.digest.enabled=false -Daws.java.v1.disableDeprecationAnnouncement=true \
 *      -cp benchmarks/target/benchmarks.jar dev.ctagent.benchmarks.SdkCallToggle v2|v1 [rounds] [block] [warmup]
 * </pre>
 */
public final class SdkCallToggle {
    private SdkCallToggle() {}

    public static void main(String[] args) throws Exception {
        String sdk = args.length > 0 ? args[0] : "v2";
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 8;
        int block = args.length > 2 ? Integer.parseInt(args[2]) : 5000;
        int warmup = args.length > 3 ? Integer.parseInt(args[3]) : 60_000;
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        ObjectName status = ServedRequestBenchmark.statusMBean();
        if (status == null) {
            throw new IllegalStateException("no ct-agent status MBean: run with -javaagent:agent/target/ct-agent.jar");
        }
        try (LocalS3 endpoint = new LocalS3();
                S3V2App v2 = new S3V2App(endpoint.endpoint());
                S3V1App v1 = new S3V1App(endpoint.endpoint())) {
            Runnable call = "v1".equals(sdk) ? v1::headObject : v2::headObject;
            for (int i = 0; i < warmup; i++) {
                call.run();
            }
            List<Double> bytesAdded = new ArrayList<>();
            List<Double> cpuAdded = new ArrayList<>();
            for (int r = 0; r < rounds; r++) {
                double[] on = block(server, status, "startLogging", call, block);
                double[] off = block(server, status, "stopLogging", call, block);
                System.out.printf("%s round %d: on %.1f B/call %.2f us cpu %.1f us wall (captured %d) | off %.1f B/call"
                        + " %.2f us cpu %.1f us wall (captured %d)%n", sdk, r + 1, on[0], on[1], on[2], (long) on[3],
                        off[0], off[1], off[2], (long) off[3]);
                if (on[3] < block || off[3] != 0) {
                    throw new IllegalStateException("logging on must capture every call, logging off none");
                }
                bytesAdded.add(on[0] - off[0]);
                cpuAdded.add(on[1] - off[1]);
            }
            System.out.printf("%s: logging on - off, median of %d rounds: %+.1f B/call allocated by the calling thread"
                    + " (min %+.1f, max %+.1f); %+.2f us calling-thread CPU/call (min %+.2f, max %+.2f)%n", sdk, rounds,
                    median(bytesAdded), Collections.min(bytesAdded), Collections.max(bytesAdded),
                    median(cpuAdded), Collections.min(cpuAdded), Collections.max(cpuAdded));
        }
    }

    /** bytes/call, CPU µs/call, wall µs/call, calls captured during the block. */
    private static double[] block(MBeanServer server, ObjectName status, String op, Runnable call, int n)
            throws Exception {
        server.invoke(status, op, null, null);
        for (int i = 0; i < 200; i++) {
            call.run();
        }
        long captured0 = (Long) server.getAttribute(status, "CapturedCount");
        long cpu0 = AgentProbe.threadCpuNanos();
        long wall0 = System.nanoTime();
        long bytes0 = AgentProbe.threadAllocatedBytes();
        for (int i = 0; i < n; i++) {
            call.run();
        }
        long bytes = AgentProbe.threadAllocatedBytes() - bytes0;
        long wall = System.nanoTime() - wall0;
        long cpu = AgentProbe.threadCpuNanos() - cpu0;
        long captured = (Long) server.getAttribute(status, "CapturedCount") - captured0;
        return new double[] {(double) bytes / n, cpu / 1000.0 / n, wall / 1000.0 / n, captured};
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int m = sorted.size() / 2;
        return sorted.size() % 2 == 1 ? sorted.get(m) : (sorted.get(m - 1) + sorted.get(m)) / 2;
    }
}
