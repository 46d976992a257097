package dev.ctagent.sdkhooks.v2;

import dev.ctagent.sdkhooks.SensitiveMembers;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.utils.builder.SdkBuilder;

/**
 * Which members of a model class the service model marks sensitive. SDK v2 keeps that knowledge in one
 * place only, the generated {@code toString()}, which prints {@code Name=*** Sensitive Data Redacted ***}
 * for them. So each class is probed once: a builder gets a value in every member, the built object's text
 * says which members it hid. Cached per class; writer thread only.
 */
final class V2Sensitivity extends SensitiveMembers {
    private static final String REDACTED = "=*** Sensitive Data Redacted ***";


    @Override
    protected Set<String> probe(Class<?> type) {
        try {
            Object builder = type.getMethod("builder").invoke(null);
            if (!(builder instanceof SdkPojo) || !(builder instanceof SdkBuilder)) {
                return Collections.emptySet();
            }
            List<SdkField<?>> fields = ((SdkPojo) builder).sdkFields();
            for (SdkField<?> field : fields) {
                fill(field, builder);
            }
            String text = ((SdkBuilder<?, ?>) builder).build().toString();
            Set<String> sensitive = new HashSet<>();
            for (SdkField<?> field : fields) {
                String name = field.memberName();
                if (text.contains("(" + name + REDACTED) || text.contains(", " + name + REDACTED)) {
                    sensitive.add(name);
                }
            }
            return sensitive.isEmpty() ? Collections.emptySet() : Collections.unmodifiableSet(sensitive);
        } catch (Throwable e) {
            return Collections.emptySet(); // not a generated model class: the name-based redaction still applies
        }
    }

    /** Sets a value of the member's type (whichever its setter accepts); the value itself does not matter. */
    private static void fill(SdkField<?> field, Object builder) {
        for (Object candidate : candidates(field)) {
            if (candidate == null) {
                continue;
            }
            try {
                field.set(builder, candidate);
                return;
            } catch (RuntimeException wrongType) {
                // try the next type
            }
        }
    }

    private static Object[] candidates(SdkField<?> field) {
        Object nested = null;
        try {
            Object b = field.constructor() == null ? null : field.constructor().get();
            nested = b instanceof SdkBuilder ? ((SdkBuilder<?, ?>) b).build() : null;
        } catch (RuntimeException noConstructor) {
            // a member that is not a structure
        }
        return new Object[] {PROBE, Collections.singletonList(PROBE), Collections.singletonMap(PROBE, PROBE),
            nested, Instant.EPOCH, 1, 1L, Boolean.TRUE, 1.0d, 1.0f, BigDecimal.ONE,
            SdkBytes.fromByteArray(new byte[] {1}), (short) 1, (byte) 1};
    }
}
