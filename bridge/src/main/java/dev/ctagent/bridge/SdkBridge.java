package dev.ctagent.bridge;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * The class the SDK advice and the SDK hooks call. JDK types only. Every method is safe to call before
 * the agent is ready (it then does nothing) and never throws.
 */
public final class SdkBridge {
    private static volatile SdkHook hook;

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
            Object ours = h.hookFor(chainClass, SdkHook.V2);
            if (ours == null || interceptors.contains(ours)) {
                return interceptors;
            }
            List<Object> out = new ArrayList<>(interceptors.size() + 1);
            out.addAll(interceptors);
            out.add(ours);
            return out;
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
