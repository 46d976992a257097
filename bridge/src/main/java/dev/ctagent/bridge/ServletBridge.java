package dev.ctagent.bridge;

/**
 * The one class the inlined advice references. It keeps a per-thread {@link RequestThreadState}: the
 * nesting depth shared by all servlets and filters, so only the outermost call of a request reaches
 * the {@link ServletHook} (nested filters, forwards and includes run inside it on the same thread);
 * and, when request bodies are captured, the depth of {@code ServletInputStream.read} calls and the
 * request's {@link BodyTap}. JDK types only.
 *
 * <p>Body capture sees only what the application reads, on the thread that runs the request's
 * outermost servlet or filter call, while that call runs. Bytes read on other threads (an async
 * request's executor, a {@code ReadListener}) are not captured, nor are bytes the container reads for
 * the agent after the call returned.
 */
public final class ServletBridge {
    private static final ThreadLocal<RequestThreadState> STATE = ThreadLocal.withInitial(RequestThreadState::new);
    private static volatile ServletHook hook;
    /** {@code ct.capture.body.maxBytes}: 0 = bodies are not captured. */
    private static volatile int bodyMaxBytes;

    private ServletBridge() {}

    public static void install(ServletHook h) {
        hook = h;
    }

    /** Keeps up to {@code maxBytes} of every request body the application reads; 0 turns it off. */
    public static void captureBodies(int maxBytes) {
        bodyMaxBytes = Math.max(0, maxBytes);
    }

    /** Advice enter: the thread's state to hand back to {@link #exit}, or null when capture is off. */
    public static Object enter() {
        if (hook == null) {
            return null;
        }
        RequestThreadState s = STATE.get();
        if (s.servletDepth++ == 0) {
            int max = bodyMaxBytes;
            if (max > 0) {
                s.readDepth = 0;
                s.body.start(max);
            }
        }
        return s;
    }

    /** Advice exit; the outermost call reports the request. Never throws. */
    public static void exit(Object state, Object request, Object response, Throwable thrown) {
        if (state == null) {
            return;
        }
        RequestThreadState s = (RequestThreadState) state;
        if (--s.servletDepth != 0) {
            return;
        }
        BodyTap body = null;
        if (s.body.active()) {
            s.body.stop(); // what the hook makes the container read is not the application's reading
            body = s.body;
        }
        try {
            ServletHook h = hook;
            if (h != null) {
                h.completed(request, response, thrown, body);
            }
        } catch (Throwable ignored) {
            // The hook already guards itself; this is the last line that keeps the app safe.
        } finally {
            if (body != null) {
                body.clear();
            }
        }
    }

    /** Advice enter of Spring MVC's {@code DispatcherServlet.getHandler}. Never throws. */
    public static void handlerLookup(Object request) {
        ServletHook h = hook;
        if (h != null) {
            try {
                h.handlerLookup(request);
            } catch (Throwable ignored) {
                // see exit
            }
        }
    }

    /** Advice exit of {@code ServletRequest.startAsync}. Never throws. */
    public static void asyncStarted(Object request, Object asyncContext) {
        ServletHook h = hook;
        if (h != null && asyncContext != null) {
            try {
                h.asyncStarted(request, asyncContext);
            } catch (Throwable ignored) {
                // see exit
            }
        }
    }

    /**
     * Advice enter of a {@code ServletInputStream.read}: the state to hand back to the read's exit, or
     * null when the read's bytes are not kept (no request body is being captured on this thread, or
     * {@code stream} is not the stream this request's body is read from).
     */
    public static Object readEnter(Object stream) {
        if (bodyMaxBytes <= 0) {
            return null;
        }
        RequestThreadState s = STATE.get();
        if (!s.body.active()) {
            return null;
        }
        if (s.readDepth == 0 && !s.body.accepts(stream)) {
            return null;
        }
        s.readDepth++;
        return s;
    }

    /** Advice exit of {@code read(b, off, len)} and {@code read(b)}: the outermost read keeps its bytes. */
    public static void readExit(Object state, byte[] b, int off, int n) {
        if (state == null) {
            return;
        }
        RequestThreadState s = (RequestThreadState) state;
        if (--s.readDepth == 0 && n > 0) {
            s.body.append(b, off, n);
        }
    }

    /** Advice exit of {@code read()}: the outermost read keeps its byte. */
    public static void readByteExit(Object state, int value) {
        if (state == null) {
            return;
        }
        RequestThreadState s = (RequestThreadState) state;
        if (--s.readDepth == 0 && value >= 0) {
            s.body.append(value);
        }
    }
}
