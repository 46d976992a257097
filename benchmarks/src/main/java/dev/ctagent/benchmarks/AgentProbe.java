package dev.ctagent.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.reflect.Field;

/** What a benchmark fork can find out about itself: is the agent's servlet hook on, what has this thread allocated. */
final class AgentProbe {
    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    private AgentProbe() {}

    /** True when ct-agent started in this JVM and installed its servlet hook (its bridge is on the class path). */
    static boolean servletHookInstalled() throws ReflectiveOperationException {
        Class<?> bridge;
        try {
            bridge = Class.forName("dev.ctagent.bridge.ServletBridge", false, ClassLoader.getSystemClassLoader());
        } catch (ClassNotFoundException e) {
            return false;
        }
        Field hook = bridge.getDeclaredField("hook");
        hook.setAccessible(true);
        return hook.get(null) != null;
    }

    /** CPU time (user + system) the current thread has used since it started, in nanoseconds. */
    static long threadCpuNanos() {
        return THREADS.getCurrentThreadCpuTime();
    }

    /** The id of the live thread named {@code name}, or -1. */
    @SuppressWarnings("deprecation") // getId(): the code is compiled for Java 11
    static long threadId(String name) {
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (name.equals(t.getName())) {
                return t.getId();
            }
        }
        return -1;
    }

    /** CPU time of thread {@code id} in nanoseconds, or -1. */
    static long threadCpuNanos(long id) {
        return id < 0 ? -1 : THREADS.getThreadCpuTime(id);
    }

    /** Bytes thread {@code id} has allocated, or -1. */
    static long threadAllocatedBytes(long id) {
        return id < 0 ? -1 : THREADS.getThreadAllocatedBytes(id);
    }

    /** Bytes the current thread has allocated since it started. */
    @SuppressWarnings("deprecation") // getId(): the code is compiled for Java 11
    static long threadAllocatedBytes() {
        return THREADS.getThreadAllocatedBytes(Thread.currentThread().getId());
    }
}
