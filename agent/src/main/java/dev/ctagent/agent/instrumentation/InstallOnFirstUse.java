package dev.ctagent.agent.instrumentation;

import dev.ctagent.agent.AgentLog;
import java.lang.instrument.ClassFileTransformer;
import java.security.ProtectionDomain;
import java.util.function.Supplier;

/**
 * The only transformer registered at start-up: JDK types, two string checks per class. It builds the
 * real (Byte Buddy) transformer when the first class of an instrumented API is defined, and from then
 * on hands every class to it. A service that never loads a servlet API never loads Byte Buddy, which is
 * most of the agent's start-up cost.
 *
 * <p>The Byte Buddy transformer is not registered with the JVM on its own: it only ever runs through
 * this one, so the class that triggered it is transformed too and no class is transformed twice. Any
 * class of an instrumented API is defined before a class that extends or implements it, so nothing to
 * instrument can be defined before the trigger.
 */
final class InstallOnFirstUse implements ClassFileTransformer {
    private final String[] triggers;
    private final Supplier<ClassFileTransformer> factory;
    private volatile ClassFileTransformer delegate;
    private boolean failed;

    InstallOnFirstUse(String[] internalNamePrefixes, Supplier<ClassFileTransformer> factory) {
        this.triggers = internalNamePrefixes.clone();
        this.factory = factory;
    }

    @Override
    public byte[] transform(Module module, ClassLoader loader, String name, Class<?> redefining,
            ProtectionDomain domain, byte[] classFile) {
        try {
            ClassFileTransformer d = delegate;
            if (d == null) {
                if (name == null || !triggers(name) || (d = create()) == null) {
                    return null;
                }
            }
            return d.transform(module, loader, name, redefining, domain, classFile);
        } catch (Throwable t) {
            AgentLog.once("transform:" + name, "could not instrument " + name + " (left unchanged): " + t);
            return null;
        }
    }

    private boolean triggers(String internalName) {
        for (String prefix : triggers) {
            if (internalName.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }

    /** Builds the real transformer once; threads defining API classes meanwhile wait for it. */
    private synchronized ClassFileTransformer create() {
        if (delegate == null && !failed) {
            try {
                delegate = factory.get();
            } catch (Throwable t) {
                failed = true;
                AgentLog.info("could not set up instrumentation, capture is off: " + t);
            }
        }
        return delegate;
    }
}
