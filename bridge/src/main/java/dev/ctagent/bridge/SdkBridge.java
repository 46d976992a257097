package dev.ctagent.bridge;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * The class the SDK advice and the SDK hooks call. JDK types only. Every method is safe to call before
 * the agent is ready (it then does nothing) and never throws.
 */
public final class SdkBridge {
    private static volatile SdkHook hook;
    /**
     * Interceptor lists already extended, by identity: {@code {in0, out0, in1, out1, ...}}, newest first.
     * A client passes the same (unmodifiable) list on every call, so most calls allocate nothing here.
     * Replaced whole on a miss; a race only costs one more copy.
     */
    private static volatile Object[] extended = new Object[0];
    private static final int REMEMBERED_LISTS = 16;

    private SdkBridge() {}

    public static void install(SdkHook h) {
        hook = h;
    }

    /**
     * Advice on the constructor of SDK v2's {@code ExecutionInterceptorChain} (one per call): the
     * interceptors with the agent's appended, or {@code interceptors} unchanged when capture is off or it
     * is already there. Covers every client however and whenever it was built.
     */
    public static List<?> withV2Interceptor(List<?> interceptors, Class<?> chainClass) {
        SdkHook h = hook;
        if (h == null || interceptors == null) {
            return interceptors;
        }
        try {
            Object[] known = extended;
            for (int i = 0; i < known.length; i += 2) {
                if (known[i] == interceptors) {
                    List<?> out = (List<?>) known[i + 1];
                    if (out.size() == interceptors.size() + 1) {
                        return out;
                    }
                }
            }
            Object ours = h.hookFor(chainClass, SdkHook.V2);
            if (ours == null || interceptors.contains(ours)) {
                return interceptors;
            }
            List<Object> out = new ArrayList<>(interceptors.size() + 1);
            for (Object interceptor : interceptors) {
                out.add(interceptor);
            }
            out.add(ours);
            List<Object> result = Collections.unmodifiableList(out);
            Object[] next = new Object[Math.min(known.length + 2, 2 * REMEMBERED_LISTS)];
            next[0] = interceptors;
            next[1] = result;
            System.arraycopy(known, 0, next, 2, next.length - 2);
            extended = next;
            return result;
        } catch (Throwable t) {
            return interceptors;
        }
    }

    /**
     * Advice at the end of SDK v1's {@code AmazonWebServiceClient} constructors: adds the agent's
     * request handler to {@code handlers} (the client's {@code requestHandler2s}) unless one is there.
     */
    @SuppressWarnings({"unchecked", "rawtypes"})
    public static void addV1Handler(List handlers, Object client, Class<?> clientBaseClass) {
        SdkHook h = hook;
        if (h == null || handlers == null || client == null) {
            return;
        }
        try {
            Object factory = h.hookFor(clientBaseClass, SdkHook.V1);
            if (!(factory instanceof Function)) {
                return;
            }
            for (Object existing : handlers) {
                if (existing != null && existing.getClass().getClassLoader() == factory.getClass().getClassLoader()
                        && existing.getClass().getName().startsWith("dev.ctagent.")) {
                    return;
                }
            }
            Object handler = ((Function<Object, Object>) factory).apply(client);
            if (handler != null) {
                handlers.add(handler);
            }
        } catch (Throwable t) {
            // an unusual client: it runs uncaptured
        }
    }

    /**
     * Advice at the exit of SDK v1's request executor ({@code AmazonHttpClient$RequestExecutor.doExecute}):
     * when it threw, the agent's handler among {@code handlers} reports the failure unless
     * {@code afterError} already did.
     */
    @SuppressWarnings("unchecked")
    public static void v1ExecutorThrew(List<?> handlers, Object request, Throwable thrown) {
        if (hook == null || handlers == null || thrown == null) {
            return;
        }
        try {
            for (Object h : handlers) {
                if (h instanceof BiConsumer && h.getClass().getName().startsWith("dev.ctagent.sdkhooks.")) {
                    ((BiConsumer<Object, Throwable>) h).accept(request, thrown);
                    return;
                }
            }
        } catch (Throwable ignored) {
            // see completed
        }
    }

    /** From the hooks: one call completed (see {@link SdkHook#completed}). Never throws. */
    public static void completed(SdkModel model, Object request, Object response, Throwable error, String service,
            String operation, String region, Object credentials, String userAgent) {
        SdkHook h = hook;
        if (h == null) {
            return;
        }
        try {
            h.completed(model, request, response, error, service, operation, region, credentials, userAgent);
        } catch (Throwable ignored) {
            // the application's call has completed; losing its record must not fail it
        }
    }
}
