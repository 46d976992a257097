package dev.ctagent.agent.instrumentation.servlet;

import dev.ctagent.agent.AgentLog;
import dev.ctagent.bridge.BodyTap;
import dev.ctagent.bridge.ServletHook;
import dev.ctagent.runtime.capture.CaptureRing;
import dev.ctagent.runtime.capture.CapturedCall;
import dev.ctagent.runtime.capture.ServedCall;
import java.lang.reflect.Proxy;
import java.security.Principal;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import javax.net.ssl.SSLSession;

/**
 * Copies a finished request into a ring slot on the application thread: references to strings the
 * container already holds, nothing parsed or formatted. Every failure is swallowed (and said once):
 * the request itself is never affected.
 *
 * <p>With {@code ct.capture.body.maxBytes} > 0, the body bytes the application read during the request
 * (see {@link BodyTap}) are copied into the slot when its Content-Type mentions {@code json}, the only
 * bodies the record uses: no other body is held in the ring. An async request gets what was read on the
 * thread of its first dispatch; what its later dispatches or other threads read is not captured.
 */
public final class ServletCapture implements ServletHook {
    static final String ASYNC_MARKER = "dev.ctagent.asyncListener";
    private static final String SPRING_HANDLER = "org.springframework.web.servlet.HandlerMapping.bestMatchingHandler";
    private static final String SPRING_PATTERN = "org.springframework.web.servlet.HandlerMapping.bestMatchingPattern";
    /** The handler and pattern Spring matched first, kept when a forward is about to overwrite them. */
    static final String FIRST_HANDLER = "dev.ctagent.firstHandler";
    static final String FIRST_PATTERN = "dev.ctagent.firstPattern";
    private static final String TOMCAT_TLS_PROTOCOL = "org.apache.tomcat.util.net.secure_protocol_version";
    private static final String JETTY_SSL_SESSION = "org.eclipse.jetty.servlet.request.ssl_session";
    private static final ClassValue<ServletApi> APIS = new ClassValue<ServletApi>() {
        @Override
        protected ServletApi computeValue(Class<?> requestClass) {
            return ServletApi.of(requestClass);
        }
    };

    private final CaptureRing ring;
    private final String requestIdHeader;

    public ServletCapture(CaptureRing ring, String requestIdHeader) {
        this.ring = ring;
        this.requestIdHeader = requestIdHeader;
    }

    @Override
    public void completed(Object request, Object response, Throwable thrown, BodyTap body) {
        if (!ring.accepting() || request == null) {
            return;
        }
        try {
            ServletApi api = APIS.get(request.getClass());
            if (api == null) {
                return;
            }
            // Error pages and async re-dispatches run as new outermost calls: the request is already counted.
            if ((Object) api.getDispatcherType.invokeExact(request) != api.requestDispatcherType) {
                return;
            }
            Object listener = (Object) api.getAttribute.invokeExact(request, ASYNC_MARKER);
            AsyncCompletion completion = AsyncCompletion.of(listener);
            if (completion == null && (boolean) api.isAsyncStarted.invokeExact(request)) {
                // startAsync was not seen (an uninstrumented wrapper): listen now
                completion = listen(api, request, (Object) api.getAsyncContext.invokeExact(request));
            }
            if (completion != null) {
                // its async listener records it on completion, with what was read of the body so far
                completion.body(copyBody(api, request, body), body != null && body.truncated());
                return;
            }
            if (listener != null) {
                return; // marked, though not by a listener of ours: leave it alone
            }
            record(api, request, response, thrown, copyBody(api, request, body), body != null && body.truncated());
        } catch (Throwable t) {
            failed(t);
        }
    }

    /**
     * A copy of the body bytes the application read, when there are any and the request's Content-Type
     * mentions JSON; otherwise null. Allocates only when body capture is on and a JSON body was read.
     */
    private static byte[] copyBody(ServletApi api, Object request, BodyTap body) throws Throwable {
        if (body == null || body.length() == 0) {
            return null;
        }
        String contentType = (String) api.getContentType.invokeExact(request);
        if (contentType == null || !contentType.toLowerCase(Locale.ROOT).contains("json")) {
            return null;
        }
        return Arrays.copyOf(body.buffer(), body.length());
    }

    /**
     * Fills and publishes one slot; a slot that cannot be filled is published empty (SKIP). {@code body}
     * is a copy of what the application read of a JSON body (or null); {@code bodyTruncated}: it read more.
     */
    void record(ServletApi api, Object request, Object response, Throwable thrown, byte[] body,
            boolean bodyTruncated) {
        long seq = ring.claim();
        if (seq < 0) {
            return;
        }
        CapturedCall call = ring.slot(seq);
        try {
            ServedCall served = call.served;
            fill(api, request, response, thrown, served);
            served.body = body;
            served.bodyLength = body == null ? 0 : body.length;
            served.bodyTruncated = body != null && bodyTruncated;
            call.eventTimeMillis = System.currentTimeMillis();
            call.kind = CapturedCall.SERVED;
        } catch (Throwable t) {
            call.kind = CapturedCall.SKIP;
            failed(t);
        } finally {
            ring.publish(seq);
        }
    }

    private void fill(ServletApi api, Object request, Object response, Throwable thrown, ServedCall s)
            throws Throwable {
        s.method = (String) api.getMethod.invokeExact(request);
        s.requestUri = (String) api.getRequestUri.invokeExact(request);
        s.queryString = (String) api.getQueryString.invokeExact(request);
        s.host = (String) api.getHeader.invokeExact(request, "Host");
        s.userAgent = (String) api.getHeader.invokeExact(request, "User-Agent");
        s.authorization = (String) api.getHeader.invokeExact(request, "Authorization");
        s.forwardedFor = (String) api.getHeader.invokeExact(request, "X-Forwarded-For");
        s.requestIdHeader = (String) api.getHeader.invokeExact(request, requestIdHeader);
        s.remoteAddr = (String) api.getRemoteAddr.invokeExact(request);
        Principal principal = (Principal) api.getUserPrincipal.invokeExact(request);
        s.principalName = principal == null ? null : principal.getName();
        s.contentType = (String) api.getContentType.invokeExact(request);
        s.secure = (boolean) api.isSecure.invokeExact(request);
        if (s.secure) {
            fillTls(api, request, s);
        }
        s.status = response == null ? 0 : (int) api.getStatus.invokeExact(response);
        s.thrown = thrown;
        Object first = (Object) api.getAttribute.invokeExact(request, FIRST_HANDLER);
        if (first != null) {
            s.handler = first;
            s.routePattern = (Object) api.getAttribute.invokeExact(request, FIRST_PATTERN);
        } else {
            s.handler = (Object) api.getAttribute.invokeExact(request, SPRING_HANDLER);
            s.routePattern = (Object) api.getAttribute.invokeExact(request, SPRING_PATTERN);
        }
        if (isForm(s.method, s.contentType)) {
            // After the app is done, reading form parameters cannot disturb its own reading of the body.
            s.formParameters = flatten((Map<?, ?>) api.getParameterMap.invokeExact(request));
            s.queryString = null; // the container's map already holds the query parameters
        }
    }

    private static void fillTls(ServletApi api, Object request, ServedCall s) throws Throwable {
        Object cipher = (Object) api.getAttribute.invokeExact(request, api.namespace + ".request.cipher_suite");
        s.tlsCipherSuite = cipher instanceof String ? (String) cipher : null;
        Object protocol = (Object) api.getAttribute.invokeExact(request, TOMCAT_TLS_PROTOCOL);
        if (protocol instanceof String) {
            s.tlsProtocol = (String) protocol;
            return;
        }
        Object session = (Object) api.getAttribute.invokeExact(request, JETTY_SSL_SESSION);
        if (session instanceof SSLSession) {
            SSLSession ssl = (SSLSession) session;
            s.tlsProtocol = ssl.getProtocol();
            if (s.tlsCipherSuite == null) {
                s.tlsCipherSuite = ssl.getCipherSuite();
            }
        }
    }

    private static boolean isForm(String method, String contentType) {
        return contentType != null && contentType.regionMatches(true, 0, "application/x-www-form-urlencoded", 0, 33)
                && !"GET".equals(method) && !"HEAD".equals(method);
    }

    private static String[] flatten(Map<?, ?> params) {
        if (params == null || params.isEmpty()) {
            return null;
        }
        int n = 0;
        for (Object values : params.values()) {
            n += values instanceof String[] ? ((String[]) values).length : 1;
        }
        String[] out = new String[n * 2];
        int i = 0;
        for (Map.Entry<?, ?> e : params.entrySet()) {
            String name = String.valueOf(e.getKey());
            Object values = e.getValue();
            if (values instanceof String[]) {
                for (String v : (String[]) values) {
                    out[i++] = name;
                    out[i++] = v;
                }
            } else {
                out[i++] = name;
                out[i++] = values == null ? null : String.valueOf(values);
            }
        }
        return out;
    }

    /**
     * Inside a forward, Spring MVC is about to overwrite the handler it matched for the request the client
     * sent: keep that one, so the event is named after what the client called. Costs an ordinary request
     * one dispatcher-type check.
     */
    @Override
    public void handlerLookup(Object request) {
        try {
            ServletApi api = APIS.get(request.getClass());
            if (api == null || (Object) api.getDispatcherType.invokeExact(request) != api.forwardDispatcherType
                    || (Object) api.getAttribute.invokeExact(request, FIRST_HANDLER) != null) {
                return;
            }
            Object handler = (Object) api.getAttribute.invokeExact(request, SPRING_HANDLER);
            if (handler != null) {
                api.setAttribute.invokeExact(request, FIRST_HANDLER, handler);
                api.setAttribute.invokeExact(request, FIRST_PATTERN,
                        (Object) api.getAttribute.invokeExact(request, SPRING_PATTERN));
            }
        } catch (Throwable t) {
            failed(t);
        }
    }

    @Override
    public void asyncStarted(Object request, Object asyncContext) {
        try {
            ServletApi api = APIS.get(request.getClass());
            if (api == null || (Object) api.getAttribute.invokeExact(request, ASYNC_MARKER) != null) {
                return;
            }
            listen(api, request, asyncContext);
        } catch (Throwable t) {
            failed(t);
        }
    }

    /**
     * Registers the listener that records {@code request} when its async context completes. The request
     * attribute {@value #ASYNC_MARKER} holds the listener: it marks the request as taken care of, and
     * leads the outermost call's exit to it with the body read so far.
     */
    private AsyncCompletion listen(ServletApi api, Object request, Object asyncContext) throws Throwable {
        AsyncCompletion completion = new AsyncCompletion(this, api, request);
        Object listener = Proxy.newProxyInstance(api.asyncListener.getClassLoader(),
                new Class<?>[] {api.asyncListener}, completion);
        completion.listener = listener;
        api.setAttribute.invokeExact(request, ASYNC_MARKER, listener);
        api.addAsyncListener.invokeExact(asyncContext, listener);
        return completion;
    }

    static void failed(Throwable t) {
        AgentLog.once("capture:" + t.getClass().getName(),
                "capture of one request failed (the request itself was not affected): " + t);
    }
}
