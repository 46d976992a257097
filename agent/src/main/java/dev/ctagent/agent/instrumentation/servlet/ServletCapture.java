package dev.ctagent.agent.instrumentation.servlet;

import dev.ctagent.agent.AgentLog;
import dev.ctagent.bridge.ServletHook;
import dev.ctagent.runtime.capture.CaptureRing;
import dev.ctagent.runtime.capture.CapturedCall;
import dev.ctagent.runtime.capture.ServedCall;
import java.lang.reflect.Proxy;
import java.security.Principal;
import java.util.Map;
import javax.net.ssl.SSLSession;

/**
 * Copies a finished request into a ring slot on the application thread: references to strings the
 * container already holds, nothing parsed or formatted. Every failure is swallowed (and said once):
 * the request itself is never affected.
 */
public final class ServletCapture implements ServletHook {
    static final String ASYNC_MARKER = "dev.ctagent.asyncListener";
    private static final String SPRING_HANDLER = "org.springframework.web.servlet.HandlerMapping.bestMatchingHandler";
    private static final String SPRING_PATTERN = "org.springframework.web.servlet.HandlerMapping.bestMatchingPattern";
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
    public void completed(Object request, Object response, Throwable thrown) {
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
            if ((Object) api.getAttribute.invokeExact(request, ASYNC_MARKER) != null) {
                return; // its async listener records it on completion
            }
            if ((boolean) api.isAsyncStarted.invokeExact(request)) {
                asyncStarted(request, null); // startAsync was not seen (an uninstrumented wrapper): listen now
                return;
            }
            record(api, request, response, thrown);
        } catch (Throwable t) {
            failed(t);
        }
    }

    /** Fills and publishes one slot; a slot that cannot be filled is published empty (SKIP). */
    void record(ServletApi api, Object request, Object response, Throwable thrown) {
        long seq = ring.claim();
        if (seq < 0) {
            return;
        }
        CapturedCall call = ring.slot(seq);
        try {
            fill(api, request, response, thrown, call.served);
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
        s.handler = (Object) api.getAttribute.invokeExact(request, SPRING_HANDLER);
        s.routePattern = (Object) api.getAttribute.invokeExact(request, SPRING_PATTERN);
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

    @Override
    public void asyncStarted(Object request, Object asyncContext) {
        try {
            ServletApi api = APIS.get(request.getClass());
            if (api == null || (Object) api.getAttribute.invokeExact(request, ASYNC_MARKER) != null) {
                return;
            }
            Object context = asyncContext;
            if (context == null) {
                context = (Object) api.getAsyncContext.invokeExact(request);
            }
            AsyncCompletion completion = new AsyncCompletion(this, api, request);
            Object listener = Proxy.newProxyInstance(api.asyncListener.getClassLoader(),
                    new Class<?>[] {api.asyncListener}, completion);
            completion.listener = listener;
            api.setAttribute.invokeExact(request, ASYNC_MARKER, (Object) Boolean.TRUE);
            api.addAsyncListener.invokeExact(context, listener);
        } catch (Throwable t) {
            failed(t);
        }
    }

    static void failed(Throwable t) {
        AgentLog.once("capture:" + t.getClass().getName(),
                "capture of one request failed (the request itself was not affected): " + t);
    }
}
