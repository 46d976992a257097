package dev.ctagent.agent.instrumentation;

import static net.bytebuddy.matcher.ElementMatchers.any;
import static net.bytebuddy.matcher.ElementMatchers.isBootstrapClassLoader;

import dev.ctagent.agent.AgentLog;
import dev.ctagent.agent.instrumentation.servlet.BodyCaptureInstrumentation;
import dev.ctagent.agent.instrumentation.servlet.ServletInstrumentation;
import dev.ctagent.runtime.config.AgentConfig;
import java.lang.instrument.Instrumentation;
import net.bytebuddy.ByteBuddy;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.dynamic.scaffold.TypeValidation;
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
                .or(new IgnoredTypes());
        if (config.servletCaptureEnabled()) {
            builder = ServletInstrumentation.apply(builder);
            if (config.bodyMaxBytes() > 0) {
                builder = BodyCaptureInstrumentation.apply(builder);
            }
        }
        builder.installOn(inst);
    }

    private static final class ErrorListener extends AgentBuilder.Listener.Adapter {
        @Override
        public void onError(String typeName, ClassLoader loader, JavaModule module, boolean loaded, Throwable error) {
            AgentLog.once("transform:" + typeName, "could not instrument " + typeName + " (left unchanged): " + error);
        }
    }
}
