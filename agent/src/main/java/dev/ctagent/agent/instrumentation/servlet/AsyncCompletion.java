package dev.ctagent.agent.instrumentation.servlet;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;

/**
 * Behind a {@code java.lang.reflect.Proxy} that implements the application's own {@code AsyncListener}
 * (javax or jakarta): no class needs to be injected into the application's class loader. Records the
 * request once, when its async context completes; a timeout or error seen before that is recorded with it,
 * and so is the body the first dispatch's thread read (handed over when that dispatch returned).
 */
final class AsyncCompletion implements InvocationHandler {
    private final ServletCapture capture;
    private final ServletApi api;
    private final Object request;
    private volatile Throwable error;
    private volatile byte[] body;
    private volatile boolean bodyTruncated;
    private boolean recorded;
    Object listener;

    AsyncCompletion(ServletCapture capture, ServletApi api, Object request) {
        this.capture = capture;
        this.api = api;
        this.request = request;
    }

    /** The completion behind {@code listener}, when it is one of ours; otherwise null. */
    static AsyncCompletion of(Object listener) {
        if (listener == null || !Proxy.isProxyClass(listener.getClass())) {
            return null;
        }
        InvocationHandler handler = Proxy.getInvocationHandler(listener);
        return handler instanceof AsyncCompletion ? (AsyncCompletion) handler : null;
    }

    /** What the first dispatch read of the request body (a copy, or null), to be recorded on completion. */
    void body(byte[] copy, boolean truncated) {
        bodyTruncated = truncated;
        body = copy;
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) {
        try {
            switch (method.getName()) {
                case "onComplete":
                    complete(args[0]);
                    return null;
                case "onTimeout":
                    if (error == null) {
                        error = AsyncTimeoutException.INSTANCE;
                    }
                    return null;
                case "onError":
                    Throwable t = (Throwable) api.getEventThrowable.invokeExact(args[0]);
                    error = t != null ? t : error;
                    return null;
                case "onStartAsync":
                    // A new startAsync clears the listeners: stay registered on the new context.
                    Object context = (Object) api.getEventAsyncContext.invokeExact(args[0]);
                    api.addAsyncListener.invokeExact(context, listener);
                    return null;
                case "hashCode":
                    return System.identityHashCode(proxy);
                case "equals":
                    return proxy == args[0];
                case "toString":
                    return "ct-agent async listener";
                default:
                    return null;
            }
        } catch (Throwable t) {
            ServletCapture.failed(t);
            return null;
        }
    }

    private void complete(Object event) throws Throwable {
        synchronized (this) {
            if (recorded) {
                return;
            }
            recorded = true;
        }
        Object response = (Object) api.getSuppliedResponse.invokeExact(event);
        capture.record(api, request, response, error, body, bodyTruncated);
    }
}
