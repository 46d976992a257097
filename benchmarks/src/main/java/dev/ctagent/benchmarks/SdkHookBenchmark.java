package dev.ctagent.benchmarks;

import com.amazonaws.AmazonWebServiceClient;
import com.amazonaws.handlers.RequestHandler2;
import com.example.benchapp.CapturingHandler;
import com.example.benchapp.CapturingInterceptor;
import com.example.benchapp.S3V1App;
import com.example.benchapp.S3V2App;
import com.example.benchapp.LocalS3;
import com.lmax.disruptor.BatchEventProcessor;
import com.lmax.disruptor.BatchEventProcessorBuilder;
import com.lmax.disruptor.RingBuffer;
import dev.ctagent.agent.instrumentation.awssdk.SdkCapture;
import dev.ctagent.bridge.SdkBridge;
import dev.ctagent.runtime.capture.CaptureRing;
import dev.ctagent.runtime.capture.CapturedCall;
import dev.ctagent.runtime.capture.SdkCall;
import dev.ctagent.runtime.config.WhenFull;
import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import software.amazon.awssdk.core.client.config.SdkClientConfiguration;
import software.amazon.awssdk.core.client.config.SdkClientOption;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptorChain;
import software.amazon.awssdk.core.interceptor.InterceptorContext;

/**
 * The agent's AWS SDK hooks alone, on the calling thread, without the ~100 µs HTTP call around them
 * that makes {@link SdkCallAgent} − {@link SdkCallPlain} imprecise. No agent jar: in this JVM the
 * benchmark installs the agent's own {@link SdkCapture} into {@link SdkBridge} over a {@link CaptureRing}
 * (the agent's default 65 536 slots, drop when full) that a background thread drains as the writer does
 * (clearing each slot). The hooks are obtained through the bridge exactly as the agent's advice obtains
 * them, so {@code V2Interceptor}/{@code V1Handler} are defined by the agent's {@code HookClassLoader} next
 * to the SDK. They are called with the context, attributes, request and response objects the SDKs passed
 * to an application interceptor/handler during one real GetItem call against a {@link LocalS3}.
 *
 * <ul>
 *   <li>{@link #v2AfterExecution}: {@code V2Interceptor.afterExecution} → {@code SdkBridge.completed} →
 *       ring claim, fill, publish.</li>
 *   <li>{@link #v2ChainAdvice}: what the advice on {@code ExecutionInterceptorChain(List)} runs per call:
 *       {@code SdkBridge.withV2Interceptor} on a list as long as the real client's interceptor list, and of
 *       its class.</li>
 *   <li>{@link #v2ChainWithHook} vs {@link #v2ChainBaseline}: one call's whole interceptor-chain work as
 *       the SDK's sync client drives it (construct the chain, then every phase from
 *       {@code beforeExecution} to {@code afterExecution}), over as many no-op interceptors (each of its own
 *       class) as the real client has, with the advice's list (plus the agent's interceptor) or without it. The difference is
 *       everything the agent adds to an SDK v2 call on the calling thread, including the SDK's own
 *       per-interceptor work in the chain (context copies, result validation).</li>
 *   <li>{@link #v1AfterResponse}: {@code V1Handler.afterResponse} → bridge → ring.</li>
 *   <li>{@link #v1Callbacks}: every {@code RequestHandler2} callback the SDK makes on the handler for one
 *       successful call (the others are the SDK's no-op defaults): everything the agent adds to an SDK v1
 *       call on the calling thread, bar the loop over one more handler.</li>
 *   <li>{@code *Paced}: the same with the thread idling {@link Pacer#paceMicros} before each call (outside
 *       the measured time; JMH then timestamps every call, ~20–30 ns of timer cost in both), so the
 *       ring's slot lines have gone to the draining thread as they do between real calls.</li>
 * </ul>
 * Each iteration prints one {@code [sdk-hook]} line: ops, bytes this (the calling) thread allocated per
 * op, and how many ops the ring captured or dropped.
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 2, jvmArgsAppend = {"-Xms1g", "-Xmx1g", "-Daws.java.v1.disableDeprecationAnnouncement=true"})
@State(Scope.Thread)
public class SdkHookBenchmark {
    private static final int CAPACITY = 65_536;
    private static final long WRITER_TICK_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
    private static final String HOOK_LOADER = "ct-agent-sdk-hooks";

    private CaptureRing ring;
    private BatchEventProcessor<CapturedCall> processor;
    private Thread consumer;

    private InterceptorContext v2Context;
    private ExecutionAttributes v2Attributes;
    private ExecutionInterceptor v2Hook;
    /** No-op interceptors, as many as the real client's chain holds. */
    private List<ExecutionInterceptor> clientInterceptors;

    private RequestHandler2 v1Hook;
    /**
     * The handler marks a request it reported, so its safety net never reports it twice. A real call's
     * request starts unmarked; this benchmark reuses one request, so each invocation removes the mark
     * first (a map put, ~10 ns, counted in the v1 figures).
     */
    @SuppressWarnings("rawtypes")
    private com.amazonaws.handlers.HandlerContextKey reported;
    private CapturingHandler v1;

    private long ops;
    private long opsAtStart;
    private long allocatedAtStart;
    private long capturedAtStart;
    private long droppedAtStart;

    /**
     * Interceptors that override nothing, standing in for the SDK's own in the chain: each of a class of
     * its own, so the chain's call sites are megamorphic as with the real client's, and the JIT cannot
     * inline the interceptors and drop the chain's per-interceptor context copies.
     */
    private static final ExecutionInterceptor[] NO_OPS = {
        new ExecutionInterceptor() {}, new ExecutionInterceptor() {}, new ExecutionInterceptor() {},
        new ExecutionInterceptor() {}, new ExecutionInterceptor() {}, new ExecutionInterceptor() {},
        new ExecutionInterceptor() {}, new ExecutionInterceptor() {}, new ExecutionInterceptor() {},
        new ExecutionInterceptor() {}, new ExecutionInterceptor() {}, new ExecutionInterceptor() {},
        new ExecutionInterceptor() {}, new ExecutionInterceptor() {}, new ExecutionInterceptor() {},
        new ExecutionInterceptor() {},
    };

    @Setup(Level.Trial)
    public void start() throws Exception {
        CapturingInterceptor v2Seen = new CapturingInterceptor();
        CapturingHandler v1Seen = new CapturingHandler();
        try (LocalS3 endpoint = new LocalS3();
                S3V2App v2App = new S3V2App(endpoint.endpoint(), v2Seen);
                S3V1App v1App = new S3V1App(endpoint.endpoint(), v1Seen)) {
            v2App.headObject();
            v1App.headObject();
            List<ExecutionInterceptor> real = v2Interceptors(v2App);
            int n = real == null ? 10 : real.size();
            clientInterceptors = listLike(real);
            for (int i = 0; i < n; i++) {
                clientInterceptors.add(NO_OPS[i % NO_OPS.length]);
            }

            ring = new CaptureRing(CAPACITY, WhenFull.DROP, WRITER_TICK_NANOS);
            ring.setAccepting(true);
            SdkBridge.install(new SdkCapture(ring));

            List<?> chain = SdkBridge.withV2Interceptor(new ArrayList<>(), ExecutionInterceptorChain.class);
            v2Hook = (ExecutionInterceptor) chain.get(chain.size() - 1);
            List<Object> handlers = new ArrayList<>();
            SdkBridge.addV1Handler(handlers, v1App.client(), AmazonWebServiceClient.class);
            v1Hook = (RequestHandler2) handlers.get(0);
            java.lang.reflect.Field mark = v1Hook.getClass().getDeclaredField("REPORTED");
            mark.setAccessible(true);
            reported = (com.amazonaws.handlers.HandlerContextKey) mark.get(null);
            for (Object hook : new Object[] {v2Hook, v1Hook}) {
                if (!HOOK_LOADER.equals(hook.getClass().getClassLoader().getName())) {
                    throw new IllegalStateException(hook + " was not defined by the agent's hook loader");
                }
            }
            v2Context = (InterceptorContext) v2Seen.context;
            v2Attributes = v2Seen.attributes;
            v1 = v1Seen;

            // one call of each hook before the ring is drained: the slots must hold a complete SDK call
            v2Hook.afterExecution(v2Context, v2Attributes);
            v1Hook.afterResponse(v1.request, v1.response);
            System.out.println("[sdk-hook] client interceptors=" + n + " (" + clientInterceptors.getClass().getName()
                    + "); v2 hook " + describe(0) + "; v1 hook " + describe(1));
        }
        RingBuffer<CapturedCall> rb = ring.ringBuffer();
        processor = new BatchEventProcessorBuilder().build(rb, rb.newBarrier(), (call, sequence, endOfBatch) -> call.clear());
        rb.addGatingSequences(processor.getSequence());
        consumer = new Thread(processor, "ring-consumer");
        consumer.setDaemon(true);
        consumer.start();
    }

    /** The slot's SDK call, failing unless it holds a complete record. */
    private String describe(long seq) {
        if (ring.captured() <= seq) {
            throw new IllegalStateException("the hook put nothing into the ring");
        }
        CapturedCall slot = ring.slot(seq);
        SdkCall c = slot.sdk;
        // SDK v2 hands over its interceptor context; the writer reads the User-Agent from it
        String userAgent = c.userAgent != null || c.model == null ? c.userAgent
                : ((dev.ctagent.bridge.SdkModel) c.model).userAgent(c.response);
        if (slot.kind != CapturedCall.SDK || c.model == null || c.request == null || c.response == null
                || c.service == null || c.operation == null || c.region == null || c.credentials == null
                || userAgent == null) {
            throw new IllegalStateException("incomplete SDK call in the ring: kind=" + slot.kind + " service="
                    + c.service + " operation=" + c.operation + " region=" + c.region + " credentials="
                    + c.credentials + " userAgent=" + userAgent + " request=" + c.request + " response=" + c.response);
        }
        return c.service + " " + c.operation + " " + c.region + " (" + c.request.getClass().getSimpleName()
                + ", " + c.response.getClass().getSimpleName() + ", " + c.credentials.getClass().getSimpleName() + ")";
    }

    /** The real client's interceptor list (its configuration's, which every call's chain is built from), or null. */
    private static List<ExecutionInterceptor> v2Interceptors(S3V2App app) {
        try {
            Field f = app.client().getClass().getDeclaredField("clientConfiguration");
            f.setAccessible(true);
            return ((SdkClientConfiguration) f.get(app.client())).option(SdkClientOption.EXECUTION_INTERCEPTORS);
        } catch (ReflectiveOperationException | RuntimeException e) {
            System.out.println("[sdk-hook] could not read the client's interceptors (" + e + "), assuming 10 in an ArrayList");
            return null;
        }
    }

    /** An empty list of the real list's class (the SDK uses a LinkedList: copying it costs a toArray), else an ArrayList. */
    @SuppressWarnings("unchecked")
    private static List<ExecutionInterceptor> listLike(List<ExecutionInterceptor> real) {
        if (real != null) {
            try {
                return (List<ExecutionInterceptor>) real.getClass().getConstructor().newInstance();
            } catch (ReflectiveOperationException | RuntimeException e) {
                // an unmodifiable view or the like
            }
        }
        return new ArrayList<>();
    }

    @TearDown(Level.Trial)
    public void stop() throws InterruptedException {
        SdkBridge.install(null);
        processor.halt();
        consumer.join(10_000);
    }

    @Setup(Level.Iteration)
    public void iterationStart() {
        capturedAtStart = ring.captured();
        droppedAtStart = ring.drops().total();
        opsAtStart = ops;
        allocatedAtStart = AgentProbe.threadAllocatedBytes();
    }

    @TearDown(Level.Iteration)
    public void iterationEnd() {
        long allocated = AgentProbe.threadAllocatedBytes() - allocatedAtStart;
        long n = ops - opsAtStart;
        System.out.println("[sdk-hook] ops=" + n + " callingThreadBytesPerOp="
                + (n == 0 ? "n/a" : String.format("%.2f", (double) allocated / n))
                + " ring: captured=+" + (ring.captured() - capturedAtStart)
                + " dropped=+" + (ring.drops().total() - droppedAtStart));
    }

    @Benchmark
    public long baseline() {
        return ops++;
    }

    @Benchmark
    public long baselinePaced(Pacer pacer) {
        return ops++;
    }

    @Benchmark
    public void v2AfterExecution() {
        ops++;
        v2Hook.afterExecution(v2Context, v2Attributes);
    }

    @Benchmark
    public List<?> v2ChainAdvice() {
        ops++;
        return SdkBridge.withV2Interceptor(clientInterceptors, ExecutionInterceptorChain.class);
    }

    @Benchmark
    public InterceptorContext v2ChainBaseline() {
        ops++;
        return runChain(clientInterceptors);
    }

    @Benchmark
    @SuppressWarnings("unchecked")
    public InterceptorContext v2ChainWithHook() {
        ops++;
        return runChain((List<ExecutionInterceptor>) SdkBridge.withV2Interceptor(clientInterceptors,
                ExecutionInterceptorChain.class));
    }

    @Benchmark
    public InterceptorContext v2ChainBaselinePaced(Pacer pacer) {
        return v2ChainBaseline();
    }

    @Benchmark
    public InterceptorContext v2ChainWithHookPaced(Pacer pacer) {
        return v2ChainWithHook();
    }

    @Benchmark
    @SuppressWarnings("unchecked")
    public void v1AfterResponse() {
        ops++;
        v1.request.addHandlerContext(reported, null);
        v1Hook.afterResponse(v1.request, v1.response);
    }

    @Benchmark
    @SuppressWarnings("unchecked")
    public Object v1Callbacks() {
        ops++;
        v1.request.addHandlerContext(reported, null);
        RequestHandler2 h = v1Hook;
        Object r = h.beforeExecution(v1.original);
        h.beforeMarshalling(v1.original);
        h.beforeRequest(v1.request);
        h.beforeAttempt(v1.beforeAttempt);
        h.afterAttempt(v1.afterAttempt);
        Object u = h.beforeUnmarshalling(v1.request, v1.httpResponse);
        h.afterResponse(v1.request, v1.response);
        return r == u ? null : r;
    }

    @Benchmark
    public Object v1CallbacksPaced(Pacer pacer) {
        return v1Callbacks();
    }

    /** One sync call's interceptor-chain work, in the order the SDK's sync client drives it. */
    private InterceptorContext runChain(List<ExecutionInterceptor> interceptors) {
        ExecutionAttributes a = v2Attributes;
        ExecutionInterceptorChain chain = new ExecutionInterceptorChain(interceptors);
        InterceptorContext c = v2Context;
        chain.beforeExecution(c, a);
        c = chain.modifyRequest(c, a);
        chain.beforeMarshalling(c, a);
        chain.afterMarshalling(c, a);
        c = chain.modifyHttpRequestAndHttpContent(c, a);
        chain.beforeTransmission(c, a);
        chain.afterTransmission(c, a);
        c = chain.modifyHttpResponse(c, a);
        chain.beforeUnmarshalling(c, a);
        chain.afterUnmarshalling(c, a);
        c = chain.modifyResponse(c, a);
        chain.afterExecution(c, a);
        return c;
    }
}
