package dev.ctagent.sdkhooks.v1;

import dev.ctagent.sdkhooks.SensitiveMembers;
import java.lang.reflect.Method;
import java.nio.ByteBuffer;
import java.util.Collections;
import java.util.HashSet;
import java.util.Set;

/**
 * Which members of an SDK v1 model class the service model marks sensitive. The generated
 * {@code toString()} is the only place that knows ({@code Name: ***Sensitive Data Redacted***}), so each
 * class is probed once: a fresh instance gets a value in every text and blob member, its text says which
 * it hid. Hand-written classes (S3's) hide nothing this way; the name-based redaction still applies.
 */
final class V1Sensitivity extends SensitiveMembers {
    private static final String REDACTED = ": ***Sensitive Data Redacted***";


    @Override
    protected Set<String> probe(Class<?> type) {
        try {
            Object instance = type.getConstructor().newInstance();
            for (Method m : type.getMethods()) {
                if (m.getName().startsWith("set") && m.getParameterCount() == 1) {
                    Class<?> p = m.getParameterTypes()[0];
                    if (p == String.class) {
                        m.invoke(instance, PROBE);
                    } else if (p == ByteBuffer.class) {
                        m.invoke(instance, ByteBuffer.wrap(new byte[] {1}));
                    }
                }
            }
            String text = instance.toString();
            if (!text.contains(REDACTED)) {
                return Collections.emptySet();
            }
            Set<String> sensitive = new HashSet<>();
            for (String member : V1Getters.of(type).keySet()) {
                if (text.contains("{" + member + REDACTED) || text.contains("," + member + REDACTED)) {
                    sensitive.add(member);
                }
            }
            return Collections.unmodifiableSet(sensitive);
        } catch (Throwable e) {
            return Collections.emptySet();
        }
    }
}
