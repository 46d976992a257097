package dev.ctagent.agent.instrumentation;

import static net.bytebuddy.matcher.ElementMatchers.any;
import static net.bytebuddy.matcher.ElementMatchers.isBootstrapClassLoader;

import dev.ctagent.agent.AgentLog;
import dev.ctagent.agent.instrumentation.awssdk.AwsSdkInstrumentation;
import dev.ctagent.agent.instrumentation.servlet.BodyCaptureInstrumentation;
import dev.ctagent.agent.instrumentation.servlet.ServletInstrumentation;
import dev.ctagent.runtime.config.AgentConfig;
import java.lang.instrument.Instrumentation;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import net.bytebuddy.ByteBuddy;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.dynamic.scaffold.TypeValidation;
import net.bytebuddy.utility.JavaModule;

/**
 * Installs every instrumentation the configuration turns on, with the settings the best agents use:
 * advice only (no class format changes, so already-loaded classes can be retransformed), class files
 * parsed rather than loaded, name-only exclusions first so most classes are never parsed at all, and
 * Byte Buddy itself loaded only once an instrumented API appears.
 */
public final class Instrumentations {
    private Instrumentations() {}

    /** Internal-name prefixes of the APIs the servlet capture instruments. */
    private static final String[] SERVLET_APIS = {"javax/servlet/", "jakarta/servlet/"};

    /**
     * At JVM start, registers {@link InstallOnFirstUse}; when the agent is attached to a running JVM that
     * already loaded a servlet API or an AWS SDK, installs at once and retransforms what is loaded (SDK v2
     * clients built before then are captured from their next call; SDK v1 clients only when built after).
     */
    public static void install(Instrumentation inst, AgentConfig config) {
        List<String> triggers = new ArrayList<>();
        if (config.servletCaptureEnabled()) {
            triggers.addAll(Arrays.asList(SERVLET_APIS));
        }
        if (config.awsSdkCaptureEnabled()) {
            triggers.addAll(Arrays.asList(AwsSdkInstrumentation.triggers()));
        }
        if (triggers.isEmpty()) {
            return;
        }
        if (anyLoaded(inst, triggers)) {
            builder(config).with(AgentBuilder.RedefinitionStrategy.RETRANSFORMATION).installOn(inst);
        } else {
            inst.addTransformer(new InstallOnFirstUse(triggers.toArray(new String[0]),
                    () -> builder(config).makeRaw()), false);
        }
    }

    private static AgentBuilder builder(AgentConfig config) {
        AgentBuilder builder = new AgentBuilder.Default(new ByteBuddy().with(TypeValidation.DISABLED))
                .disableClassFormatChanges()
                .with(AgentBuilder.DescriptionStrategy.Default.POOL_ONLY)
                .with(new BoundedTypePoolCache())
                .with(AgentBuilder.TypeStrategy.Default.DECORATE)
                .with(new ErrorListener())
                .ignore(any(), isBootstrapClassLoader())
                .or(new IgnoredTypes(AwsSdkInstrumentation.ADVISED));
        if (config.servletCaptureEnabled()) {
            builder = ServletInstrumentation.apply(builder);
            if (config.bodyMaxBytes() > 0) {
                builder = BodyCaptureInstrumentation.apply(builder);
            }
        }
        if (config.awsSdkCaptureEnabled()) {
            builder = AwsSdkInstrumentation.apply(builder);
        }
        return builder;
    }

    private static boolean anyLoaded(Instrumentation inst, List<String> internalPrefixes) {
        for (Class<?> c : inst.getAllLoadedClasses()) {
            String internalName = c.getName().replace('.', '/');
            for (String p : internalPrefixes) {
                if (internalName.startsWith(p)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static final class ErrorListener extends AgentBuilder.Listener.Adapter {
        @Override
        public void onError(String typeName, ClassLoader loader, JavaModule module, boolean loaded, Throwable error) {
            AgentLog.once("transform:" + typeName, "could not instrument " + typeName + " (left unchanged): " + error);
        }
    }
}
