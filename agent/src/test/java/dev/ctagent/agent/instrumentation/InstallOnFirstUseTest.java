package dev.ctagent.agent.instrumentation;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.instrument.ClassFileTransformer;
import java.security.ProtectionDomain;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class InstallOnFirstUseTest {
    private static final byte[] BYTES = {1, 2, 3};
    private final AtomicInteger built = new AtomicInteger();
    private final List<String> seen = new ArrayList<>();

    private final ClassFileTransformer real = new ClassFileTransformer() {
        @Override
        public byte[] transform(Module module, ClassLoader loader, String name, Class<?> c, ProtectionDomain d,
                byte[] b) {
            seen.add(name);
            return new byte[] {9};
        }
    };

    private byte[] define(InstallOnFirstUse t, String name) {
        return t.transform(getClass().getModule(), getClass().getClassLoader(), name, null, null, BYTES);
    }

    @Test
    void nothingIsBuiltUntilAnInstrumentedApiAppears() {
        InstallOnFirstUse t = new InstallOnFirstUse(new String[] {"javax/servlet/"}, () -> {
            built.incrementAndGet();
            return real;
        });
        assertThat(define(t, "com/example/Main")).isNull();
        assertThat(define(t, "java/util/Thing")).isNull();
        assertThat(built).hasValue(0);

        assertThat(define(t, "javax/servlet/http/HttpServlet")).as("the trigger itself is transformed")
                .containsExactly(9);
        assertThat(define(t, "com/example/MyServlet")).containsExactly(9);
        assertThat(define(t, "jakarta/servlet/Filter")).containsExactly(9);
        assertThat(built).as("built once").hasValue(1);
        assertThat(seen).containsExactly("javax/servlet/http/HttpServlet", "com/example/MyServlet",
                "jakarta/servlet/Filter");
    }

    @Test
    void aFailingSetUpLeavesClassesUnchangedAndIsNotRetried() {
        InstallOnFirstUse t = new InstallOnFirstUse(new String[] {"javax/servlet/"}, () -> {
            built.incrementAndGet();
            throw new IllegalStateException("no instrumentation today");
        });
        assertThat(define(t, "javax/servlet/Servlet")).isNull();
        assertThat(define(t, "javax/servlet/Filter")).isNull();
        assertThat(built).hasValue(1);
    }

    @Test
    void aThrowingTransformerNeverReachesTheClassLoader() {
        InstallOnFirstUse t = new InstallOnFirstUse(new String[] {"javax/servlet/"}, () -> new ClassFileTransformer() {
            @Override
            public byte[] transform(Module m, ClassLoader l, String n, Class<?> c, ProtectionDomain d, byte[] b) {
                throw new IllegalStateException("broken");
            }
        });
        assertThat(define(t, "javax/servlet/Servlet")).isNull();
    }
}
