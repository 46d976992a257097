package dev.ctagent.agent.instrumentation.servlet;

import static net.bytebuddy.matcher.ElementMatchers.hasSuperType;
import static net.bytebuddy.matcher.ElementMatchers.isAbstract;
import static net.bytebuddy.matcher.ElementMatchers.isInterface;
import static net.bytebuddy.matcher.ElementMatchers.isStatic;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.namedOneOf;
import static net.bytebuddy.matcher.ElementMatchers.not;
import static net.bytebuddy.matcher.ElementMatchers.returns;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import dev.ctagent.agent.instrumentation.ClassLoaderHasResource;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.asm.AsmVisitorWrapper;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.dynamic.ClassFileLocator;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * Only with {@code ct.capture.body.maxBytes} > 0: the {@code read()}, {@code read(byte[])} and
 * {@code read(byte[], int, int)} methods of every class extending {@code javax.servlet.ServletInputStream}
 * or {@code jakarta.servlet.ServletInputStream} (abstract ones too: a concrete stream may inherit their
 * reads). The advice only looks at what a read returned; it never reads, skips or buffers anything of
 * its own, so the application's reading is unchanged. Not seen: {@code read(ByteBuffer)} overrides
 * (Servlet 6.1), reads a subclass does without any of these three methods, and a body read through
 * {@code getReader()} where the container's reader does not read its {@code ServletInputStream} (Tomcat's
 * reader decodes the connector's buffer directly; Jetty's and Undertow's read the stream).
 */
public final class BodyCaptureInstrumentation {
    private BodyCaptureInstrumentation() {}

    public static AgentBuilder apply(AgentBuilder builder) {
        ClassFileLocator adviceLocator = ClassFileLocator.ForClassLoader.of(
                BodyCaptureInstrumentation.class.getClassLoader());
        ElementMatcher.Junction<MethodDescription> concrete = not(isAbstract()).and(not(isStatic()))
                .and(named("read")).and(returns(int.class));
        AsmVisitorWrapper reads = Advice.to(BodyReadAdvice.class, adviceLocator)
                .on(concrete.and(takesArguments(byte[].class, int.class, int.class)));
        AsmVisitorWrapper readArrays = Advice.to(BodyReadArrayAdvice.class, adviceLocator)
                .on(concrete.and(takesArguments(byte[].class)));
        AsmVisitorWrapper readBytes = Advice.to(BodyReadByteAdvice.class, adviceLocator)
                .on(concrete.and(takesArguments(0)));
        return builder
                .type(not(isInterface()).and(hasSuperType(namedOneOf(
                        "javax.servlet.ServletInputStream", "jakarta.servlet.ServletInputStream"))),
                        new ClassLoaderHasResource("javax/servlet/ServletInputStream.class",
                                "jakarta/servlet/ServletInputStream.class"))
                .transform((b, type, loader, module, domain) -> b.visit(reads).visit(readArrays).visit(readBytes));
    }
}
