package dev.ctagent.agent.instrumentation.servlet;

import static net.bytebuddy.matcher.ElementMatchers.nameStartsWith;
import static net.bytebuddy.matcher.ElementMatchers.not;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ctagent.agent.instrumentation.servlet.TestServletStreams.*;
import dev.ctagent.bridge.BodyTap;
import dev.ctagent.bridge.ServletBridge;
import dev.ctagent.bridge.ServletHook;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.instrument.Instrumentation;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import javax.servlet.ServletInputStream;
import net.bytebuddy.agent.ByteBuddyAgent;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.agent.builder.ResettableClassFileTransformer;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.DynamicType;
import net.bytebuddy.utility.JavaModule;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The body-capture advice inlined, in process, into servlet input streams of this test (javax API): the
 * tap sees exactly the bytes the application read, once, however the streams wrap each other.
 */
class BodyCaptureInstrumentationTest {
    private static final int MAX = 64;
    private static final String BODY = "{\"name\":\"Ann\",\"city\":\"Oslo\",\"apiKey\":\"k\"}";
    private static final Set<String> TRANSFORMED = ConcurrentHashMap.newKeySet();
    private static final List<String> ERRORS = new ArrayList<>();
    private static Instrumentation instrumentation;
    private static ResettableClassFileTransformer transformer;
    private final RecordingHook hook = new RecordingHook();

    @BeforeAll
    static void instrument() {
        instrumentation = ByteBuddyAgent.install();
        AgentBuilder builder = new AgentBuilder.Default()
                .disableClassFormatChanges()
                .with(AgentBuilder.RedefinitionStrategy.RETRANSFORMATION)
                .with(AgentBuilder.TypeStrategy.Default.DECORATE)
                .with(new AgentBuilder.Listener.Adapter() {
                    @Override
                    public void onTransformation(TypeDescription type, ClassLoader loader, JavaModule module,
                            boolean loaded, DynamicType dynamicType) {
                        TRANSFORMED.add(type.getName());
                    }

                    @Override
                    public void onError(String typeName, ClassLoader loader, JavaModule module, boolean loaded,
                            Throwable error) {
                        synchronized (ERRORS) {
                            ERRORS.add(typeName + ": " + error);
                        }
                    }
                })
                .ignore(not(nameStartsWith(TestServletStreams.class.getName())));
        transformer = BodyCaptureInstrumentation.apply(builder).installOn(instrumentation);
    }

    @AfterAll
    static void uninstrument() {
        if (transformer != null) {
            transformer.reset(instrumentation, AgentBuilder.RedefinitionStrategy.RETRANSFORMATION);
        }
        ServletBridge.install(null);
        ServletBridge.captureBodies(0);
    }

    @BeforeEach
    void hookUp() {
        ServletBridge.install(hook);
        ServletBridge.captureBodies(MAX);
    }

    // --- the application's side ---

    /** What one simulated request reported to the hook. */
    private static final class Seen {
        final String bytes;
        final boolean truncated;

        Seen(String bytes, boolean truncated) {
            this.bytes = bytes;
            this.truncated = truncated;
        }
    }

    private static final class RecordingHook implements ServletHook {
        final List<Seen> completed = new ArrayList<>();
        boolean sawNull;

        @Override
        public void completed(Object request, Object response, Throwable thrown, BodyTap body) {
            if (body == null) {
                sawNull = true;
                completed.add(null);
                return;
            }
            String kept = body.buffer() == null ? ""
                    : new String(Arrays.copyOf(body.buffer(), body.length()), StandardCharsets.ISO_8859_1);
            completed.add(new Seen(kept, body.truncated()));
        }

        @Override
        public void asyncStarted(Object request, Object asyncContext) {}

        @Override
        public void handlerLookup(Object request) {}
    }

    interface AppCode {
        void run() throws IOException;
    }

    /** One outermost servlet call (as the servlet advice makes it) running {@code app}. */
    private Seen request(AppCode app) throws IOException {
        int before = hook.completed.size();
        Object state = ServletBridge.enter();
        try {
            app.run();
        } finally {
            ServletBridge.exit(state, "request", "response", null);
        }
        assertThat(hook.completed).as("one report per request").hasSize(before + 1);
        return hook.completed.get(before);
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static String text(byte[] b) {
        return new String(b, StandardCharsets.ISO_8859_1);
    }

    // --- the tests ---

    @Test
    void theTestStreamsAreInstrumented() throws IOException {
        request(() -> {
            new WireStream(ascii("a")).read();
            new WrappingStream(new WireStream(ascii("a"))).read();
            new OneByteViaArrayStream(ascii("a")).read();
            new InheritingStream(ascii("a")).read();
            new ArrayReadStream(ascii("a")).read();
            new FlakyStream(ascii("a")).available();
        });
        assertThat(ERRORS).isEmpty();
        assertThat(TRANSFORMED).contains(WireStream.class.getName(), WrappingStream.class.getName(),
                OneByteViaArrayStream.class.getName(), AbstractStream.class.getName(),
                ArrayReadStream.class.getName(), FlakyStream.class.getName());
    }

    @Test
    void theTapSeesExactlyTheBytesTheAppRead() throws IOException {
        ByteArrayOutputStream app = new ByteArrayOutputStream();
        Seen seen = request(() -> {
            ServletInputStream in = new WireStream(ascii(BODY));
            byte[] buf = new byte[7];
            for (int i = 0; i < 3; i++) {
                int n = in.read(buf, 2, 5);
                app.write(buf, 2, n);
            }
            app.write(in.read());
            app.write(in.read());
            // the app stops before the end: what it did not read is not seen
        });
        assertThat(app.size()).isEqualTo(17);
        assertThat(seen.bytes).isEqualTo(text(app.toByteArray())).isEqualTo(BODY.substring(0, 17));
        assertThat(seen.truncated).isFalse();
    }

    @Test
    void readAllBytesAndReadLineGoThroughTheAdvisedReads() throws IOException {
        String[] read = new String[2];
        Seen seen = request(() -> {
            ServletInputStream in = new WireStream(ascii("line one\n" + BODY));
            byte[] line = new byte[32];
            int n = in.readLine(line, 0, line.length);
            read[0] = new String(line, 0, n, StandardCharsets.ISO_8859_1);
            read[1] = text(in.readAllBytes());
        });
        assertThat(read[0]).isEqualTo("line one\n");
        assertThat(read[1]).isEqualTo(BODY);
        assertThat(seen.bytes).isEqualTo("line one\n" + BODY);
    }

    @Test
    void aWrappingStreamIsCountedOnce() throws IOException {
        String[] read = new String[1];
        Seen seen = request(() -> {
            ServletInputStream in = new WrappingStream(new WrappingStream(new WireStream(ascii(BODY))));
            int first = in.read();
            read[0] = (char) first + text(in.readAllBytes());
        });
        assertThat(read[0]).isEqualTo(BODY);
        assertThat(seen.bytes).isEqualTo(BODY);
    }

    @Test
    void aSingleByteReadThroughTheArrayReadIsCountedOnce() throws IOException {
        StringBuilder read = new StringBuilder();
        Seen seen = request(() -> {
            ServletInputStream in = new OneByteViaArrayStream(ascii(BODY));
            for (int c; (c = in.read()) >= 0; ) {
                read.append((char) c);
            }
        });
        assertThat(read.toString()).isEqualTo(BODY);
        assertThat(seen.bytes).isEqualTo(BODY);
    }

    @Test
    void readsInheritedFromAnAbstractStreamAndOverriddenArrayReadsAreSeen() throws IOException {
        Seen inherited = request(() -> new InheritingStream(ascii(BODY)).readAllBytes());
        assertThat(inherited.bytes).isEqualTo(BODY);
        Seen arrayRead = request(() -> {
            ServletInputStream in = new ArrayReadStream(ascii(BODY));
            byte[] all = new byte[BODY.length()];
            assertThat(in.read(all)).isEqualTo(BODY.length());
            assertThat(in.read(all)).isEqualTo(-1);
        });
        assertThat(arrayRead.bytes).isEqualTo(BODY);
    }

    @Test
    void aLongBodyIsCutAtTheMaximumAndTheAppStillReadsAllOfIt() throws IOException {
        String longBody = "{\"data\":\"" + "x".repeat(200) + "\"}";
        String[] read = new String[1];
        Seen seen = request(() -> read[0] = text(new WrappingStream(new WireStream(ascii(longBody))).readAllBytes()));
        assertThat(read[0]).isEqualTo(longBody);
        assertThat(seen.bytes).isEqualTo(longBody.substring(0, MAX));
        assertThat(seen.truncated).isTrue();
    }

    @Test
    void aCopyOfTheBodyServedFromMemoryIsNotCountedAgain() throws IOException {
        String[] read = new String[1];
        Seen seen = request(() -> {
            // a filter reads the body, then hands the app a second stream over its copy
            byte[] cached = new WireStream(ascii(BODY)).readAllBytes();
            read[0] = text(new WireStream(cached).readAllBytes());
        });
        assertThat(read[0]).isEqualTo(BODY);
        assertThat(seen.bytes).isEqualTo(BODY);
    }

    @Test
    void theContainerStreamIsTheSourceWhenAWrapperOfItIsReadLater() throws IOException {
        Seen seen = request(() -> {
            WireStream wire = new WireStream(ascii(BODY));
            byte[] head = new byte[5];
            assertThat(wire.read(head, 0, 5)).isEqualTo(5);
            new WrappingStream(wire).readAllBytes();
        });
        assertThat(seen.bytes).isEqualTo(BODY);
    }

    @Test
    void readsOutsideARequestAreNotKept() throws IOException {
        WireStream early = new WireStream(ascii(BODY));
        assertThat(early.read()).isEqualTo('{');
        Seen seen = request(() -> {});
        assertThat(seen.bytes).isEmpty();
        assertThat(early.read()).as("after the request").isEqualTo('"');
        Seen next = request(() -> new WireStream(ascii("[1]")).readAllBytes());
        assertThat(next.bytes).as("a fresh tap per request").isEqualTo("[1]");
    }

    @Test
    void nestedServletCallsShareOneTapAndReportOnce() throws IOException {
        Seen seen = request(() -> {
            WireStream in = new WireStream(ascii(BODY));
            in.read();
            Object forward = ServletBridge.enter();
            try {
                in.readAllBytes();
            } finally {
                ServletBridge.exit(forward, "request", "response", null);
            }
        });
        assertThat(seen.bytes).isEqualTo(BODY);
    }

    @Test
    void aFailedReadLeavesTheDepthBalanced() throws IOException {
        String[] read = new String[1];
        Seen seen = request(() -> {
            ServletInputStream in = new WrappingStream(new FlakyStream(ascii(BODY)));
            assertThatThrownBy(() -> in.read(new byte[8], 0, 8)).isInstanceOf(IOException.class)
                    .hasMessage("connection reset");
            read[0] = text(in.readAllBytes());
        });
        assertThat(read[0]).isEqualTo(BODY);
        assertThat(seen.bytes).isEqualTo(BODY);
    }

    @Test
    void offMeansNoTapAndNothingKept() throws IOException {
        ServletBridge.captureBodies(0);
        String[] read = new String[1];
        Seen seen = request(() -> read[0] = text(new WrappingStream(new WireStream(ascii(BODY))).readAllBytes()));
        assertThat(read[0]).isEqualTo(BODY);
        assertThat(seen).isNull();
        assertThat(hook.sawNull).isTrue();
    }
}
