package dev.ctagent.benchmarks;

import com.example.benchapp.FixedRequest;
import com.example.benchapp.FixedResponse;
import dev.ctagent.runtime.capture.ServedCall;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.security.Principal;
import java.util.concurrent.TimeUnit;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * A model of the capture's reads (no ring): the 19 servlet calls {@code ServletCapture} makes per
 * request, done two ways on the same {@link FixedRequest}.
 *
 * <ul>
 *   <li>{@code methodHandles}: as the agent does it: method handles from {@code publicLookup().unreflect}
 *       adapted with {@code asType} to erased types, held in an object found through a {@link ClassValue}
 *       (so not constants to the JIT), called with {@code invokeExact}.</li>
 *   <li>{@code accessor}: the same reads through an interface implemented by a class compiled against the
 *       servlet API (what an accessor class defined per servlet API would be, e.g. in a child loader of
 *       the API's loader): with one implementation in use the JIT inlines the calls.</li>
 * </ul>
 * Not a figure of the agent itself; it supports the analysis in BENCHMARKS.md.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 2, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@State(Scope.Thread)
public class CaptureAccessBenchmark {
    private static final String SPRING_HANDLER = "org.springframework.web.servlet.HandlerMapping.bestMatchingHandler";
    private static final String SPRING_PATTERN = "org.springframework.web.servlet.HandlerMapping.bestMatchingPattern";
    private static final String ASYNC_MARKER = "dev.ctagent.asyncListener";

    private static final ClassValue<Handles> HANDLES = new ClassValue<Handles>() {
        @Override
        protected Handles computeValue(Class<?> type) {
            try {
                return new Handles();
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
        }
    };
    private static final ClassValue<Accessor> ACCESSORS = new ClassValue<Accessor>() {
        @Override
        protected Accessor computeValue(Class<?> type) {
            return new JavaxAccessor();
        }
    };

    private final Object request = new FixedRequest();
    private final Object response = new FixedResponse();
    private final ServedCall slot = new ServedCall();
    private final String requestIdHeader = "X-Request-Id";

    @Setup
    public void check() throws Throwable {
        methodHandles();
        String viaHandles = slot.method + slot.requestUri + slot.host + slot.status;
        accessor();
        String viaAccessor = slot.method + slot.requestUri + slot.host + slot.status;
        if (!viaHandles.equals(viaAccessor)) {
            throw new IllegalStateException(viaHandles + " != " + viaAccessor);
        }
    }

    @Benchmark
    public ServedCall methodHandles() throws Throwable {
        Object req = request;
        Handles api = HANDLES.get(req.getClass());
        if ((Object) api.getDispatcherType.invokeExact(req) != api.requestDispatcherType) {
            return null;
        }
        if ((Object) api.getAttribute.invokeExact(req, ASYNC_MARKER) != null) {
            return null;
        }
        if ((boolean) api.isAsyncStarted.invokeExact(req)) {
            return null;
        }
        ServedCall s = slot;
        s.method = (String) api.getMethod.invokeExact(req);
        s.requestUri = (String) api.getRequestUri.invokeExact(req);
        s.queryString = (String) api.getQueryString.invokeExact(req);
        s.host = (String) api.getHeader.invokeExact(req, "Host");
        s.userAgent = (String) api.getHeader.invokeExact(req, "User-Agent");
        s.authorization = (String) api.getHeader.invokeExact(req, "Authorization");
        s.forwardedFor = (String) api.getHeader.invokeExact(req, "X-Forwarded-For");
        s.requestIdHeader = (String) api.getHeader.invokeExact(req, requestIdHeader);
        s.remoteAddr = (String) api.getRemoteAddr.invokeExact(req);
        Principal principal = (Principal) api.getUserPrincipal.invokeExact(req);
        s.principalName = principal == null ? null : principal.getName();
        s.contentType = (String) api.getContentType.invokeExact(req);
        s.secure = (boolean) api.isSecure.invokeExact(req);
        s.status = (int) api.getStatus.invokeExact(response);
        s.handler = (Object) api.getAttribute.invokeExact(req, SPRING_HANDLER);
        s.routePattern = (Object) api.getAttribute.invokeExact(req, SPRING_PATTERN);
        return s;
    }

    @Benchmark
    public ServedCall accessor() {
        Object req = request;
        Accessor api = ACCESSORS.get(req.getClass());
        if (!api.isRequestDispatch(req) || api.attribute(req, ASYNC_MARKER) != null || api.isAsyncStarted(req)) {
            return null;
        }
        ServedCall s = slot;
        s.method = api.method(req);
        s.requestUri = api.requestUri(req);
        s.queryString = api.queryString(req);
        s.host = api.header(req, "Host");
        s.userAgent = api.header(req, "User-Agent");
        s.authorization = api.header(req, "Authorization");
        s.forwardedFor = api.header(req, "X-Forwarded-For");
        s.requestIdHeader = api.header(req, requestIdHeader);
        s.remoteAddr = api.remoteAddr(req);
        s.principalName = api.principalName(req);
        s.contentType = api.contentType(req);
        s.secure = api.isSecure(req);
        s.status = api.status(response);
        s.handler = api.attribute(req, SPRING_HANDLER);
        s.routePattern = api.attribute(req, SPRING_PATTERN);
        return s;
    }

    /** The agent's ServletApi, reduced to what a plain request needs; built the same way. */
    static final class Handles {
        private static final MethodHandles.Lookup LOOKUP = MethodHandles.publicLookup();
        final Object requestDispatcherType = javax.servlet.DispatcherType.REQUEST;
        final MethodHandle getDispatcherType;
        final MethodHandle getMethod;
        final MethodHandle getRequestUri;
        final MethodHandle getQueryString;
        final MethodHandle getHeader;
        final MethodHandle getRemoteAddr;
        final MethodHandle getUserPrincipal;
        final MethodHandle getContentType;
        final MethodHandle isSecure;
        final MethodHandle getAttribute;
        final MethodHandle isAsyncStarted;
        final MethodHandle getStatus;

        Handles() throws ReflectiveOperationException {
            Class<?> req = HttpServletRequest.class;
            getDispatcherType = handle(req, "getDispatcherType", Object.class);
            getMethod = handle(req, "getMethod", String.class);
            getRequestUri = handle(req, "getRequestURI", String.class);
            getQueryString = handle(req, "getQueryString", String.class);
            getHeader = handle(req, "getHeader", String.class, String.class);
            getRemoteAddr = handle(req, "getRemoteAddr", String.class);
            getUserPrincipal = handle(req, "getUserPrincipal", Principal.class);
            getContentType = handle(req, "getContentType", String.class);
            isSecure = handle(req, "isSecure", boolean.class);
            getAttribute = handle(req, "getAttribute", Object.class, String.class);
            isAsyncStarted = handle(req, "isAsyncStarted", boolean.class);
            getStatus = handle(HttpServletResponse.class, "getStatus", int.class);
        }

        private static MethodHandle handle(Class<?> owner, String name, Class<?> erasedReturn, Class<?>... params)
                throws ReflectiveOperationException {
            MethodHandle h = LOOKUP.unreflect(owner.getMethod(name, params));
            Class<?>[] erased = new Class<?>[params.length + 1];
            erased[0] = Object.class;
            System.arraycopy(params, 0, erased, 1, params.length);
            return h.asType(MethodType.methodType(erasedReturn, erased));
        }
    }

    /** What a per-API accessor would offer the capture: erased types only, so the agent can call it. */
    interface Accessor {
        boolean isRequestDispatch(Object request);
        Object attribute(Object request, String name);
        boolean isAsyncStarted(Object request);
        String method(Object request);
        String requestUri(Object request);
        String queryString(Object request);
        String header(Object request, String name);
        String remoteAddr(Object request);
        String principalName(Object request);
        String contentType(Object request);
        boolean isSecure(Object request);
        int status(Object response);
    }

    /** Compiled against javax.servlet: plain interface calls the JIT can inline. */
    static final class JavaxAccessor implements Accessor {
        @Override public boolean isRequestDispatch(Object r) {
            return ((HttpServletRequest) r).getDispatcherType() == javax.servlet.DispatcherType.REQUEST;
        }
        @Override public Object attribute(Object r, String name) { return ((HttpServletRequest) r).getAttribute(name); }
        @Override public boolean isAsyncStarted(Object r) { return ((HttpServletRequest) r).isAsyncStarted(); }
        @Override public String method(Object r) { return ((HttpServletRequest) r).getMethod(); }
        @Override public String requestUri(Object r) { return ((HttpServletRequest) r).getRequestURI(); }
        @Override public String queryString(Object r) { return ((HttpServletRequest) r).getQueryString(); }
        @Override public String header(Object r, String name) { return ((HttpServletRequest) r).getHeader(name); }
        @Override public String remoteAddr(Object r) { return ((HttpServletRequest) r).getRemoteAddr(); }
        @Override public String principalName(Object r) {
            Principal p = ((HttpServletRequest) r).getUserPrincipal();
            return p == null ? null : p.getName();
        }
        @Override public String contentType(Object r) { return ((HttpServletRequest) r).getContentType(); }
        @Override public boolean isSecure(Object r) { return ((HttpServletRequest) r).isSecure(); }
        @Override public int status(Object r) { return ((HttpServletResponse) r).getStatus(); }
    }
}
