package dev.ctagent.sdkhooks;

import java.util.Set;

/**
 * Which members of a model class the service model marks sensitive, found once per class (the SDKs keep
 * that mark only in their generated {@code toString()}, so each SDK's subclass probes it). Writer thread.
 */
public abstract class SensitiveMembers {
    /** The value every member gets while a class is probed. */
    protected static final String PROBE = "ct-agent-probe";

    private final ClassValue<Set<String>> byClass = new ClassValue<>() {
        @Override
        protected Set<String> computeValue(Class<?> type) {
            return probe(type);
        }
    };

    public final Set<String> of(Class<?> type) {
        return byClass.get(type);
    }

    /** The members of {@code type} its text hides; empty when it cannot be probed. Never throws. */
    protected abstract Set<String> probe(Class<?> type);
}
