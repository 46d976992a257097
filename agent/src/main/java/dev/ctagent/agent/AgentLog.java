package dev.ctagent.agent;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The agent's voice: single lines on stderr, prefixed, each distinct problem said once. Deliberately no
 * logging framework (the application may configure its own after premain).
 */
public final class AgentLog {
    private static final Set<String> SAID = ConcurrentHashMap.newKeySet();

    private AgentLog() {}

    public static void info(String message) {
        System.err.println("[ct-agent] " + message);
    }

    /** Says {@code message} the first time {@code key} is seen, then stays quiet about it. */
    public static void once(String key, String message) {
        if (SAID.size() < 1000 && SAID.add(key)) {
            info(message);
        }
    }
}
