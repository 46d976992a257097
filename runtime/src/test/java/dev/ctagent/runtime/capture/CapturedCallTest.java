package dev.ctagent.runtime.capture;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Array;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.mockito.Mockito;

/**
 * {@link CapturedCall#clear()} must drop every reference the request held. Fields are found by
 * reflection, so a field added later without a matching line in clear() fails here.
 */
class CapturedCallTest {
    private static List<Field> instanceFields(Class<?> c) {
        List<Field> out = new ArrayList<>();
        for (Field f : c.getDeclaredFields()) {
            if (!Modifier.isStatic(f.getModifiers()) && !f.isSynthetic()) {
                f.setAccessible(true);
                out.add(f);
            }
        }
        return out;
    }

    /** A value of the field's type that is not the type's default. */
    private static Object nonDefault(Class<?> t) {
        if (t == boolean.class) {
            return true;
        } else if (t == int.class) {
            return 7;
        } else if (t == long.class) {
            return 7L;
        } else if (t == short.class) {
            return (short) 7;
        } else if (t == byte.class) {
            return (byte) 7;
        } else if (t == char.class) {
            return 'x';
        } else if (t == float.class) {
            return 7f;
        } else if (t == double.class) {
            return 7d;
        } else if (t == String.class) {
            return "value";
        } else if (t.isArray()) {
            return Array.newInstance(t.getComponentType(), 1);
        } else if (t == Object.class) {
            return new Object();
        } else if (Throwable.class.isAssignableFrom(t)) {
            return new IllegalStateException("boom");
        }
        return Mockito.mock(t);
    }

    private static boolean isDefault(Object v) {
        if (v == null) {
            return true;
        }
        if (v instanceof Boolean) {
            return !((Boolean) v);
        }
        if (v instanceof Character) {
            return (Character) v == 0;
        }
        if (v instanceof Number) {
            return ((Number) v).doubleValue() == 0;
        }
        return false;
    }

    @Test
    void servedCallHasTheFieldsThisTestExpectsToFill() {
        // Sanity check of the reflection: the fields below must be among those found.
        List<String> names = new ArrayList<>();
        instanceFields(ServedCall.class).forEach(f -> names.add(f.getName()));
        assertThat(names).contains("method", "requestUri", "authorization", "thrown", "handler", "formParameters",
                "body", "bodyLength", "bodyTruncated", "secure", "status");
    }

    @Test
    void clearResetsEveryFieldOfTheSlotAndItsServedCall() throws Exception {
        CapturedCall call = new CapturedCall();
        ServedCall served = call.served;
        SdkCall sdk = call.sdk;
        for (Field f : instanceFields(SdkCall.class)) {
            f.set(sdk, nonDefault(f.getType()));
        }
        for (Field f : instanceFields(CapturedCall.class)) {
            if (!Modifier.isFinal(f.getModifiers())) {
                f.set(call, nonDefault(f.getType()));
            }
        }
        for (Field f : instanceFields(ServedCall.class)) {
            f.set(served, nonDefault(f.getType()));
            assertThat(isDefault(f.get(served))).as("filled %s", f.getName()).isFalse();
        }
        assertThat(call.kind).isNotEqualTo(CapturedCall.SKIP);

        call.clear();

        assertThat(call.served).isSameAs(served);
        for (Field f : instanceFields(CapturedCall.class)) {
            if (!Modifier.isFinal(f.getModifiers())) {
                assertThat(isDefault(f.get(call))).as("CapturedCall.%s after clear()", f.getName()).isTrue();
            }
        }
        for (Field f : instanceFields(ServedCall.class)) {
            assertThat(isDefault(f.get(served))).as("ServedCall.%s after clear(): %s", f.getName(), f.get(served))
                    .isTrue();
        }
        assertThat(call.sdk).isSameAs(sdk);
        for (Field f : instanceFields(SdkCall.class)) {
            assertThat(isDefault(f.get(sdk))).as("SdkCall.%s after clear(): %s", f.getName(), f.get(sdk)).isTrue();
        }
        assertThat(call.kind).isEqualTo(CapturedCall.SKIP);
    }

    @Test
    void theOnlyFinalFieldsOfASlotAreItsReusedCalls() {
        List<String> finals = new ArrayList<>();
        for (Field f : instanceFields(CapturedCall.class)) {
            if (Modifier.isFinal(f.getModifiers())) {
                finals.add(f.getName());
            }
        }
        assertThat(finals).containsExactly("served", "sdk");
        for (Field f : instanceFields(ServedCall.class)) {
            assertThat(Modifier.isFinal(f.getModifiers())).as("ServedCall.%s is reset, so not final", f.getName())
                    .isFalse();
        }
        for (Field f : instanceFields(SdkCall.class)) {
            assertThat(Modifier.isFinal(f.getModifiers())).as("SdkCall.%s is reset, so not final", f.getName())
                    .isFalse();
        }
    }
}
