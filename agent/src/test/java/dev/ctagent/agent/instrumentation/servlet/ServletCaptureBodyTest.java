package dev.ctagent.agent.instrumentation.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ctagent.bridge.BodyTap;
import dev.ctagent.bridge.BodyTaps;
import dev.ctagent.runtime.capture.CaptureRing;
import dev.ctagent.runtime.capture.CapturedCall;
import dev.ctagent.runtime.capture.ServedCall;
import dev.ctagent.runtime.config.WhenFull;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.servlet.AsyncContext;
import javax.servlet.AsyncEvent;
import javax.servlet.AsyncListener;
import javax.servlet.DispatcherType;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What {@link ServletCapture} puts into a ring slot from a request's body tap. The javax request,
 * response and async context are plain {@code java.lang.reflect.Proxy} stand-ins.
 */
class ServletCaptureBodyTest {
    private static final String JSON = "{\"name\":\"Ann\",\"apiKey\":\"secret\"}";
    private CaptureRing ring;
    private ServletCapture capture;
    private long published;

    @BeforeEach
    void newRing() {
        ring = new CaptureRing(16, WhenFull.DROP, 1_000_000);
        ring.setAccepting(true);
        capture = new ServletCapture(ring, "X-Request-Id");
        published = 0;
    }

    /** The request the stand-in answers for; attributes really are kept. */
    private static final class FakeRequest {
        final Map<String, Object> attributes = new HashMap<>();
        final List<Object> listeners = new ArrayList<>();
        String contentType = "application/json; charset=UTF-8";
        boolean asyncStarted;
        final AsyncContext asyncContext = (AsyncContext) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {AsyncContext.class}, (proxy, m, args) -> {
                    if (m.getName().equals("addListener")) {
                        listeners.add(args[0]);
                        return null;
                    }
                    return defaultFor(proxy, m, args);
                });
        final HttpServletRequest proxy = (HttpServletRequest) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {HttpServletRequest.class}, (proxy, m, args) -> {
                    switch (m.getName()) {
                        case "getDispatcherType": return DispatcherType.REQUEST;
                        case "getMethod": return "POST";
                        case "getRequestURI": return "/owners";
                        case "getRemoteAddr": return "127.0.0.1";
                        case "getContentType": return contentType;
                        case "getAttribute": return attributes.get((String) args[0]);
                        case "setAttribute": attributes.put((String) args[0], args[1]); return null;
                        case "isAsyncStarted": return asyncStarted;
                        case "getAsyncContext": return asyncContext;
                        case "getParameterMap": return Collections.emptyMap();
                        default: return defaultFor(proxy, m, args);
                    }
                });
    }

    private static final HttpServletResponse RESPONSE = (HttpServletResponse) Proxy.newProxyInstance(
            ServletCaptureBodyTest.class.getClassLoader(), new Class<?>[] {HttpServletResponse.class},
            (proxy, m, args) -> m.getName().equals("getStatus") ? 201 : defaultFor(proxy, m, args));

    private static Object defaultFor(Object proxy, Method m, Object[] args) {
        switch (m.getName()) {
            case "hashCode": return System.identityHashCode(proxy);
            case "equals": return proxy == args[0];
            case "toString": return "stand-in " + m.getDeclaringClass().getSimpleName();
            default:
                Class<?> t = m.getReturnType();
                if (t == boolean.class) {
                    return Boolean.FALSE;
                }
                if (t == int.class) {
                    return Integer.valueOf(0);
                }
                return t == long.class ? (Object) Long.valueOf(0) : null;
        }
    }

    private ServedCall nextPublished() {
        assertThat(ring.captured()).as("slots published").isEqualTo(published + 1);
        CapturedCall call = ring.slot(published++);
        assertThat(call.kind).isEqualTo(CapturedCall.SERVED);
        return call.served;
    }

    private static BodyTap tap(String read, int max) {
        return BodyTaps.afterReading(read.getBytes(StandardCharsets.UTF_8), max);
    }

    @Test
    void aJsonBodyIsCopiedIntoTheSlot() {
        FakeRequest request = new FakeRequest();
        BodyTap tap = tap(JSON, 4096);
        capture.completed(request.proxy, RESPONSE, null, tap);
        ServedCall s = nextPublished();
        assertThat(new String(s.body, StandardCharsets.UTF_8)).isEqualTo(JSON);
        assertThat(s.body).as("a copy, trimmed to the bytes read").isNotSameAs(tap.buffer()).hasSize(JSON.length());
        assertThat(s.bodyLength).isEqualTo(JSON.length());
        assertThat(s.bodyTruncated).isFalse();
        assertThat(s.status).isEqualTo(201);
    }

    @Test
    void aBodyLongerThanTheMaximumIsMarkedTruncated() {
        capture.completed(new FakeRequest().proxy, RESPONSE, null, tap(JSON, 10));
        ServedCall s = nextPublished();
        assertThat(new String(s.body, StandardCharsets.UTF_8)).isEqualTo(JSON.substring(0, 10));
        assertThat(s.bodyLength).isEqualTo(10);
        assertThat(s.bodyTruncated).isTrue();
    }

    @Test
    void onlyJsonBodiesAreKept() {
        FakeRequest form = new FakeRequest();
        form.contentType = "text/plain";
        capture.completed(form.proxy, RESPONSE, null, tap("password=hunter2", 4096));
        ServedCall s = nextPublished();
        assertThat(s.body).isNull();
        assertThat(s.bodyLength).isZero();
        assertThat(s.bodyTruncated).isFalse();
    }

    @Test
    void noTapOrNothingReadMeansNoBody() {
        capture.completed(new FakeRequest().proxy, RESPONSE, null, null);
        assertThat(nextPublished().body).isNull();
        capture.completed(new FakeRequest().proxy, RESPONSE, null, tap("", 4096));
        assertThat(nextPublished().body).isNull();
    }

    @Test
    void anAsyncRequestIsRecordedOnCompletionWithTheBodyItsFirstDispatchRead() throws Exception {
        FakeRequest request = new FakeRequest();
        capture.asyncStarted(request.proxy, request.asyncContext);
        assertThat(request.listeners).hasSize(1);
        assertThat(request.attributes.get(ServletCapture.ASYNC_MARKER)).isSameAs(request.listeners.get(0));
        request.asyncStarted = true;

        capture.completed(request.proxy, RESPONSE, null, tap(JSON, 4096));
        assertThat(ring.captured()).as("nothing recorded before completion").isZero();

        AsyncListener listener = (AsyncListener) request.listeners.get(0);
        listener.onComplete(new AsyncEvent(request.asyncContext, request.proxy, RESPONSE));
        ServedCall s = nextPublished();
        assertThat(new String(s.body, StandardCharsets.UTF_8)).isEqualTo(JSON);
        assertThat(s.bodyTruncated).isFalse();
    }

    @Test
    void anAsyncStartNotSeenIsPickedUpAtTheExitWithItsBody() throws Exception {
        FakeRequest request = new FakeRequest();
        request.asyncStarted = true;
        capture.completed(request.proxy, RESPONSE, null, tap(JSON, 10));
        assertThat(ring.captured()).isZero();
        assertThat(request.listeners).hasSize(1);
        ((AsyncListener) request.listeners.get(0)).onComplete(
                new AsyncEvent(request.asyncContext, request.proxy, RESPONSE));
        ServedCall s = nextPublished();
        assertThat(s.bodyLength).isEqualTo(10);
        assertThat(s.bodyTruncated).isTrue();
    }
}
