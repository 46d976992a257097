package dev.ctagent.agent.instrumentation;

import static net.bytebuddy.matcher.ElementMatchers.any;
import static net.bytebuddy.matcher.ElementMatchers.isBootstrapClassLoader;
import static net.bytebuddy.matcher.ElementMatchers.nameContains;
import static net.bytebuddy.matcher.ElementMatchers.nameStartsWith;

import dev.ctagent.agent.AgentLog;
import dev.ctagent.agent.instrumentation.servlet.BodyCaptureInstrumentation;
import dev.ctagent.agent.instrumentation.servlet.ServletInstrumentation;
import dev.ctagent.runtime.config.AgentConfig;
import java.lang.instrument.Instrumentation;
import net.bytebuddy.ByteBuddy;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.scaffold.TypeValidation;
import net.bytebuddy.matcher.ElementMatcher;
import net.bytebuddy.utility.JavaModule;

/**
 * Installs every instrumentation the configuration turns on, with the settings the best agents use:
 * advice only (no class format changes, so already-loaded classes can be retransformed), class files
 * parsed rather than loaded, and name-only exclusions first so most classes are never parsed at all.
 */
public final class Instrumentations {
    private Instrumentations() {}

    public static void install(Instrumentation inst, AgentConfig config) {
        AgentBuilder builder = new AgentBuilder.Default(new ByteBuddy().with(TypeValidation.DISABLED))
                .disableClassFormatChanges()
                .with(AgentBuilder.RedefinitionStrategy.RETRANSFORMATION)
                .with(AgentBuilder.DescriptionStrategy.Default.POOL_ONLY)
                .with(new BoundedTypePoolCache())
                .with(AgentBuilder.TypeStrategy.Default.DECORATE)
                .with(new ErrorListener())
                .ignore(any(), isBootstrapClassLoader())
                .or(ignoredNames());
        if (config.servletCaptureEnabled()) {
            builder = ServletInstrumentation.apply(builder);
            if (config.bodyMaxBytes() > 0) {
                builder = BodyCaptureInstrumentation.apply(builder);
            }
        }
        builder.installOn(inst);
    }

    /** Packages that never hold a servlet, filter or request of their own. */
    private static ElementMatcher.Junction<TypeDescription> ignoredNames() {
        ElementMatcher.Junction<TypeDescription> m = nameContains("$$Lambda").or(nameContains("$ByteBuddy$"))
                .or(nameContains("$$EnhancerBySpringCGLIB$$"));
        for (String prefix : new String[] {"dev.ctagent.", "java.", "jdk.", "sun.", "com.sun.", "net.bytebuddy.",
                "kotlin.", "scala.", "groovy.", "org.slf4j.", "ch.qos.logback.", "org.apache.logging.",
                "com.fasterxml.jackson.", "org.yaml.", "org.hibernate.", "io.netty.", "org.springframework.boot.loader.",
                "org.bouncycastle.", "com.google.common.", "org.junit.", "org.assertj.", "org.mockito."}) {
            m = m.or(nameStartsWith(prefix));
        }
        return m;
    }

    private static final class ErrorListener extends AgentBuilder.Listener.Adapter {
        @Override
        public void onError(String typeName, ClassLoader loader, JavaModule module, boolean loaded, Throwable error) {
            AgentLog.once("transform:" + typeName, "could not instrument " + typeName + " (left unchanged): " + error);
        }
    }
}
