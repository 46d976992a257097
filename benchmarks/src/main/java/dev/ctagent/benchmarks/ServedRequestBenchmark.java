package dev.ctagent.benchmarks;

import com.example.benchapp.FixedRequest;
import com.example.benchapp.FixedResponse;
import com.example.benchapp.OwnerServlet;
import com.example.benchapp.PassThroughFilter;
import com.example.benchapp.ServletChain;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import javax.servlet.Filter;
import javax.servlet.FilterChain;
import javax.servlet.ServletException;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
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

/**
 * App-thread cost of one served request: {@code Filter.doFilter} → {@code FilterChain} →
 * {@code HttpServlet.service(ServletRequest, ServletResponse)} → {@code doGet}, on fixed request and
 * response objects ({@code GET /owners/7?a=1}, status 200). The two concrete subclasses differ only in
 * their fork's JVM arguments: {@link ServedRequestPlain} runs without an agent, {@link ServedRequestAgent}
 * with the real {@code ct-agent.jar}, so the difference is what the agent adds to the application thread
 * (inlined advice, bridge, method-handle capture, ring claim and publish) while its real writer thread
 * consumes in the background.
 *
 * <ul>
 *   <li>{@link #tightLoop}: back-to-back requests. The writer cannot keep up with millions of requests a
 *       second, so with the agent the ring is full nearly all the time and most requests take the
 *       drop path ({@code ct.buffer.whenFull=drop}, the default). Reported for completeness.</li>
 *   <li>{@link #paced}: the thread idles {@code paceMicros} ({@link Pacer}, outside the measured time)
 *       before each request, so the request rate stays under the writer's throughput and every request is
 *       captured, written and never dropped: the representative figure.</li>
 * </ul>
 * {@link ServedRequestAgentOff} runs the agent with logging stopped (its {@code stopLogging} MBean
 * operation): the inlined advice and the bridge still run, the capture returns at once. It isolates the
 * instrumentation's own cost from the capture's.
 *
 * <p>Each iteration prints one {@code [served]} line: requests, bytes allocated by this (the application)
 * thread per request, and for the agent variant how many calls its ring captured, dropped and its writer
 * wrote during the iteration (read from the agent's status MBean).
 */
@BenchmarkMode({Mode.SampleTime, Mode.AverageTime})
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@State(Scope.Thread)
public abstract class ServedRequestBenchmark {
    /** Where {@link ServedRequestAgent} tells the agent to write (its delivered files are removed at each fork start). */
    public static final String TRAIL_DIR = "/tmp/ct-agent-jmh-trail";
    private static final String STATUS_MBEAN = "dev.ctagent:type=Trail,name=default";

    private final Filter filter = new PassThroughFilter();
    private final FilterChain chain = new ServletChain(new OwnerServlet());
    private final HttpServletRequest request = new FixedRequest();
    private final HttpServletResponse response = new FixedResponse();

    private long requests;
    private long requestsAtStart;
    private long allocatedAtStart;
    private long[] agentAtStart;
    private long[] agentAtTrialStart;

    /** Whether this variant's fork must run with the agent. */
    protected abstract boolean expectsAgent();

    /** Whether the agent, if there, is logging (and so must have seen the requests). */
    protected boolean expectsCapture() {
        return expectsAgent();
    }

    @Benchmark
    public void tightLoop() throws IOException, ServletException {
        filter.doFilter(request, response, chain);
        requests++;
    }

    @Benchmark
    public void paced(Pacer pacer) throws IOException, ServletException {
        filter.doFilter(request, response, chain);
        requests++;
    }

    /** Called once the fork's agent state is checked; {@link ServedRequestAgentOff} stops logging here. */
    protected void prepareAgent() throws Exception {
        // the agent runs with its defaults
    }

    @Setup(Level.Trial)
    public void checkVariant() throws Exception {
        boolean active = AgentProbe.servletHookInstalled();
        if (active != expectsAgent()) {
            throw new IllegalStateException(expectsAgent()
                    ? "ct-agent is not active in this fork: run from the reactor root so that "
                            + "-javaagent:agent/target/ct-agent.jar resolves (see BENCHMARKS.md)"
                    : "ct-agent is active in the plain variant: do not pass -javaagent to it");
        }
        if (expectsAgent()) {
            removeDeliveredFiles(Paths.get(TRAIL_DIR, "local"));
            prepareAgent();
            agentAtTrialStart = agentCounters();
        }
    }

    @Setup(Level.Iteration)
    public void iterationStart() throws Exception {
        agentAtStart = expectsAgent() ? agentCounters() : null; // first: JMX allocates
        requestsAtStart = requests;
        allocatedAtStart = AgentProbe.threadAllocatedBytes();
    }

    @TearDown(Level.Iteration)
    public void iterationEnd() throws Exception {
        long allocated = AgentProbe.threadAllocatedBytes() - allocatedAtStart;
        long n = requests - requestsAtStart;
        StringBuilder line = new StringBuilder(160).append("[served] requests=").append(n)
                .append(" appThreadBytesPerRequest=").append(n == 0 ? "n/a" : String.format("%.2f", (double) allocated / n));
        if (agentAtStart != null) {
            long[] now = agentCounters();
            line.append(" agent: captured=+").append(delta(now, agentAtStart, 0))
                    .append(" dropped=+").append(delta(now, agentAtStart, 1))
                    .append(" written=+").append(delta(now, agentAtStart, 2));
        }
        System.out.println(line);
    }

    @TearDown(Level.Trial)
    public void trialEnd() throws Exception {
        if (!expectsAgent()) {
            return;
        }
        long[] now = agentCounters();
        if (now == null) {
            System.out.println("[served] agent status MBean " + STATUS_MBEAN + " not found");
            return;
        }
        long captured = now[0] - (agentAtTrialStart == null ? 0 : agentAtTrialStart[0]);
        long dropped = now[1] - (agentAtTrialStart == null ? 0 : agentAtTrialStart[1]);
        System.out.println("[served] fork total: requests=" + requests + " agent captured=" + captured
                + " dropped=" + dropped + " (" + String.format("%.1f", 100.0 * dropped / Math.max(1, requests))
                + "% of requests) written=" + delta(now, agentAtTrialStart, 2));
        if (captured + dropped == 0 && expectsCapture()) {
            throw new IllegalStateException("the agent saw none of the requests: the servlet was not instrumented");
        }
    }

    /** The agent's status MBean, waiting for it up to 5 s (the agent registers it ~2 s after start). */
    static ObjectName statusMBean() throws Exception {
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        ObjectName name = new ObjectName(STATUS_MBEAN);
        for (int i = 0; i < 50 && !server.isRegistered(name); i++) {
            Thread.sleep(100);
        }
        return server.isRegistered(name) ? name : null;
    }

    /** captured, dropped, written from the agent's status MBean, or null. */
    private static long[] agentCounters() throws Exception {
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        ObjectName name = statusMBean();
        if (name == null) {
            return null;
        }
        return new long[] {
            (Long) server.getAttribute(name, "CapturedCount"),
            (Long) server.getAttribute(name, "DroppedCount"),
            (Long) server.getAttribute(name, "WrittenCount"),
        };
    }

    private static String delta(long[] now, long[] start, int i) {
        if (now == null) {
            return "?";
        }
        return Long.toString(now[i] - (start == null ? 0 : start[i]));
    }

    /** Earlier forks' finished log files: a saturated agent writes hundreds of MB per fork. */
    static void removeDeliveredFiles(Path bucketDir) throws IOException {
        if (!Files.isDirectory(bucketDir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(bucketDir)) {
            files.sorted(Comparator.reverseOrder()).filter(p -> !p.equals(bucketDir)).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    // a directory the agent is writing into right now: left for the next fork
                }
            });
        }
    }
}
