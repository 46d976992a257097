package dev.ctagent.bridge;

/**
 * The one class the inlined servlet advice references. It keeps a per-thread nesting depth shared by
 * all servlets and filters, so only the outermost call of a request reaches the {@link ServletHook}
 * (nested filters, forwards and includes run inside it on the same thread). JDK types only.
 */
public final class ServletBridge {
    private static final ThreadLocal<int[]> DEPTH = ThreadLocal.withInitial(() -> new int[1]);
    private static volatile ServletHook hook;

    private ServletBridge() {}

    public static void install(ServletHook h) {
        hook = h;
    }

    /** Advice enter: the depth counter to hand back to {@link #exit}, or null when capture is off. */
    public static Object enter() {
        if (hook == null) {
            return null;
        }
        int[] depth = DEPTH.get();
        depth[0]++;
        return depth;
    }

    /** Advice exit; the outermost call reports the request. Never throws. */
    public static void exit(Object depth, Object request, Object response, Throwable thrown) {
        if (depth == null) {
            return;
        }
        int[] d = (int[]) depth;
        if (--d[0] != 0) {
            return;
        }
        ServletHook h = hook;
        if (h != null) {
            try {
                h.completed(request, response, thrown);
            } catch (Throwable ignored) {
                // The hook already guards itself; this is the last line that keeps the app safe.
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
}
