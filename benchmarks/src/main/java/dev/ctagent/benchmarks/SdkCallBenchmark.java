package dev.ctagent.benchmarks;

import com.amazonaws.AmazonWebServiceClient;
import com.example.benchapp.S3V1App;
import com.example.benchapp.S3V2App;
import com.example.benchapp.LocalS3;
import com.amazonaws.services.s3.model.ObjectMetadata;
import java.lang.management.ManagementFactory;
import java.lang.reflect.Field;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptorChain;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;

/**
 * Calling-thread time of one AWS SDK call against a local endpoint: an S3 {@code HeadObject} through a
 * sync SDK v2 client ({@link #v2Call}, HttpURLConnection transport) or an SDK v1 client ({@link #v1Call},
 * {@code getObjectMetadata}, Apache HttpClient), answered by a {@link LocalS3} in the same JVM over a
 * kept-alive loopback connection. The two concrete subclasses differ only in their fork's JVM arguments: {@link SdkCallPlain}
 * runs without an agent, {@link SdkCallAgent} with the real {@code ct-agent.jar}, so the difference is what
 * the agent adds on the calling thread (SDK v2: the chain advice and the agent's interceptor in every
 * call's chain; SDK v1: the agent's request handler in every client) while its writer thread writes the
 * records in the background.
 *
 * <p>Each fork checks that it really has (or has not) the agent: a new SDK v2 interceptor chain must (must
 * not) hold the agent's {@code V2Interceptor}, defined by the agent's hook loader; the v1 client's handler
 * list must (must not) hold its {@code V1Handler}; with the agent, one call of each SDK must reach the
 * agent's ring (its status MBean). Each iteration prints one {@code [sdk]} line: calls, bytes allocated by
 * this (the calling) thread per call, its CPU time per call ({@code ThreadMXBean}: what the call cost this
 * thread, without the time it waited for the server), connections the local server saw opened, and for
 * the agent variants the ring's captured/dropped and the writer's written/failed deltas, and the writer
 * thread's ({@code ct-agent-writer}) CPU time and allocation per record written. {@link SdkCallAgentOff} is a control:
 * the agent attached, logging stopped (hooks in place but returning at once, writer idle).
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@State(Scope.Thread)
public abstract class SdkCallBenchmark {
    /** Where {@link SdkCallAgent} tells the agent to write (its delivered files are removed at each fork start). */
    public static final String TRAIL_DIR = "/tmp/ct-agent-jmh-sdk-trail";
    private static final String STATUS_MBEAN = "dev.ctagent:type=Trail,name=default";
    private static final String V2_HOOK = "dev.ctagent.sdkhooks.v2.V2Interceptor";
    private static final String V1_HOOK = "dev.ctagent.sdkhooks.v1.V1Handler";
    private static final String HOOK_LOADER = "ct-agent-sdk-hooks";

    private LocalS3 endpoint;
    private S3V2App v2;
    private S3V1App v1;

    private long calls;
    private long callsAtStart;
    private long allocatedAtStart;
    private long cpuAtStart;
    private long writerThread = -1;
    private long writerCpuAtStart;
    private long writerBytesAtStart;
    private long connectionsAtStart;
    private long[] agentAtStart;
    private long[] agentAtTrialStart;

    /** Whether this variant's fork must run with the agent. */
    protected abstract boolean expectsAgent();

    /** Whether the agent, if there, is logging (and so must see every call). */
    protected boolean expectsCapture() {
        return expectsAgent();
    }

    /** Called once the fork's agent state is checked; {@link SdkCallAgentOff} stops logging here. */
    protected void prepareAgent() throws Exception {
        // the agent runs with its defaults
    }

    @Benchmark
    public HeadObjectResponse v2Call() {
        calls++;
        return v2.headObject();
    }

    @Benchmark
    public ObjectMetadata v1Call() {
        calls++;
        return v1.headObject();
    }

    @Setup(Level.Trial)
    public void start() throws Exception {
        endpoint = new LocalS3();
        v2 = new S3V2App(endpoint.endpoint());
        v1 = new S3V1App(endpoint.endpoint());
        if (expectsAgent()) {
            ServedRequestBenchmark.removeDeliveredFiles(Paths.get(TRAIL_DIR, "local"));
        }
        checkVariant();
        if (expectsAgent()) {
            prepareAgent();
        }
        agentAtTrialStart = expectsAgent() ? agentCounters() : null;
        writerThread = AgentProbe.threadId("ct-agent-writer");
    }

    private void checkVariant() throws Exception {
        String v2Hook = v2ChainHook();
        String v1Hook = v1ClientHook(v1.client());
        long[] before = agentCounters();
        HeadObjectResponse r2 = v2.headObject();
        ObjectMetadata r1 = v1.headObject();
        if (!LocalS3.ETAG.equals(r2.eTag()) || !LocalS3.ETAG.replace("\"", "").equals(r1.getETag())) {
            throw new IllegalStateException("the local endpoint's answer was not read as a HeadObject: "
                    + r2 + " / " + r1.getRawMetadata());
        }
        long[] after = agentCounters();
        long reached = before == null || after == null ? -1 : (after[0] + after[1]) - (before[0] + before[1]);
        String seen = "v2 chain hook: " + v2Hook + "; v1 client hook: " + v1Hook + "; calls reaching the agent's ring: "
                + (reached < 0 ? "no status MBean" : Long.toString(reached));
        System.out.println("[sdk] " + seen);
        boolean agent = v2Hook != null && v1Hook != null && reached >= 2;
        boolean none = v2Hook == null && v1Hook == null && before == null;
        if (expectsAgent() ? !agent : !none) {
            throw new IllegalStateException((expectsAgent()
                    ? "ct-agent is not (fully) active in this fork: run from the reactor root so that "
                            + "-javaagent:agent/target/ct-agent.jar resolves (see BENCHMARKS.md); "
                    : "ct-agent is active in the plain variant: do not pass -javaagent to it; ") + seen);
        }
    }

    /** The agent's interceptor in a new SDK v2 interceptor chain (the advised constructor), or null. */
    @SuppressWarnings("unchecked")
    private static String v2ChainHook() throws ReflectiveOperationException {
        ExecutionInterceptorChain chain = new ExecutionInterceptorChain(new ArrayList<>());
        Field f = ExecutionInterceptorChain.class.getDeclaredField("interceptors");
        f.setAccessible(true);
        for (ExecutionInterceptor i : (List<ExecutionInterceptor>) f.get(chain)) {
            if (isAgentHook(i, V2_HOOK)) {
                return i.getClass().getName() + " in " + i.getClass().getClassLoader().getName();
            }
        }
        return null;
    }

    /** The agent's request handler among an SDK v1 client's handlers, or null. */
    private static String v1ClientHook(Object client) throws ReflectiveOperationException {
        Field f = AmazonWebServiceClient.class.getDeclaredField("requestHandler2s");
        f.setAccessible(true);
        for (Object h : (List<?>) f.get(client)) {
            if (isAgentHook(h, V1_HOOK)) {
                return h.getClass().getName() + " in " + h.getClass().getClassLoader().getName();
            }
        }
        return null;
    }

    private static boolean isAgentHook(Object o, String className) {
        return o != null && o.getClass().getName().equals(className)
                && HOOK_LOADER.equals(o.getClass().getClassLoader().getName());
    }

    @Setup(Level.Iteration)
    public void iterationStart() throws Exception {
        agentAtStart = expectsAgent() ? agentCounters() : null; // first: JMX allocates
        writerCpuAtStart = AgentProbe.threadCpuNanos(writerThread);
        writerBytesAtStart = AgentProbe.threadAllocatedBytes(writerThread);
        connectionsAtStart = endpoint.connections();
        callsAtStart = calls;
        allocatedAtStart = AgentProbe.threadAllocatedBytes();
        cpuAtStart = AgentProbe.threadCpuNanos();
    }

    @TearDown(Level.Iteration)
    public void iterationEnd() throws Exception {
        long cpu = AgentProbe.threadCpuNanos() - cpuAtStart;
        long allocated = AgentProbe.threadAllocatedBytes() - allocatedAtStart;
        long n = calls - callsAtStart;
        StringBuilder line = new StringBuilder(200).append("[sdk] calls=").append(n)
                .append(" callingThreadBytesPerCall=").append(n == 0 ? "n/a" : String.format("%.1f", (double) allocated / n))
                .append(" callingThreadCpuMicrosPerCall=").append(n == 0 ? "n/a" : String.format("%.2f", cpu / 1000.0 / n))
                .append(" serverConnections=+").append(endpoint.connections() - connectionsAtStart);
        if (agentAtStart != null) {
            long writerCpu = AgentProbe.threadCpuNanos(writerThread) - writerCpuAtStart;
            long writerBytes = AgentProbe.threadAllocatedBytes(writerThread) - writerBytesAtStart;
            long[] now = agentCounters();
            appendAgent(line, now, agentAtStart);
            long written = now == null ? 0 : now[2] - agentAtStart[2];
            if (writerThread >= 0 && written > 0) {
                line.append(" writerCpuMicrosPerRecord=").append(String.format("%.2f", writerCpu / 1000.0 / written))
                        .append(" writerBytesPerRecord=").append(writerBytes / written);
            }
        }
        System.out.println(line);
    }

    @TearDown(Level.Trial)
    public void trialEnd() throws Exception {
        try {
            if (!expectsAgent()) {
                return;
            }
            // give the writer a moment to write what the ring still holds
            long[] now = agentCounters();
            for (int i = 0; i < 100 && now != null && now[2] + now[3] < now[0]; i++) {
                Thread.sleep(100);
                now = agentCounters();
            }
            StringBuilder line = new StringBuilder("[sdk] fork total: calls=").append(calls);
            appendAgent(line, now, agentAtTrialStart);
            System.out.println(line);
            if (expectsCapture() && (now == null || now[0] + now[1] - agentAtTrialStart[0] - agentAtTrialStart[1] < calls)) {
                throw new IllegalStateException("the agent saw fewer calls than were made");
            }
        } finally {
            v2.close();
            v1.close();
            endpoint.close();
        }
    }

    private static void appendAgent(StringBuilder line, long[] now, long[] start) {
        if (now == null || start == null) {
            line.append(" agent status MBean ").append(STATUS_MBEAN).append(" not found");
            return;
        }
        line.append(" agent: captured=+").append(now[0] - start[0])
                .append(" dropped=+").append(now[1] - start[1])
                .append(" written=+").append(now[2] - start[2])
                .append(" failed=+").append(now[3] - start[3]);
    }

    /** captured, dropped, written, failed from the agent's status MBean, or null when it is not registered. */
    private long[] agentCounters() throws Exception {
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        ObjectName name = expectsAgent() ? ServedRequestBenchmark.statusMBean() : new ObjectName(STATUS_MBEAN);
        if (name == null || !server.isRegistered(name)) {
            return null;
        }
        return new long[] {
            (Long) server.getAttribute(name, "CapturedCount"),
            (Long) server.getAttribute(name, "DroppedCount"),
            (Long) server.getAttribute(name, "WrittenCount"),
            (Long) server.getAttribute(name, "FailedCount"),
        };
    }
}
