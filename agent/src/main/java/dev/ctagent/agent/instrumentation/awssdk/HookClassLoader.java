package dev.ctagent.agent.instrumentation.awssdk;

import java.io.IOException;
import java.io.InputStream;

/**
 * Defines the SDK hooks ({@code dev.ctagent.sdkhooks.*}) next to one copy of the application's AWS SDK:
 * a child of the class loader that loaded the SDK, so the hooks implement that SDK's own interfaces.
 * The hooks' bytes come from the agent's class loader (hidden entries of ct-agent.jar); the bridge comes
 * from where the agent's bridge is, so hooks and agent share it; everything else from the SDK's loader.
 * Nothing is injected into the application's own class loader.
 */
final class HookClassLoader extends ClassLoader {
    private static final String HOOKS = "dev.ctagent.sdkhooks.";
    private static final String BRIDGE = "dev.ctagent.bridge.";

    static {
        registerAsParallelCapable();
    }

    private final ClassLoader hookBytes;
    private final ClassLoader bridge;

    HookClassLoader(ClassLoader sdkLoader, ClassLoader hookBytes, ClassLoader bridge) {
        super("ct-agent-sdk-hooks", sdkLoader);
        this.hookBytes = hookBytes;
        this.bridge = bridge;
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        if (name.startsWith(BRIDGE)) {
            return bridge.loadClass(name);
        }
        if (name.startsWith(HOOKS)) {
            synchronized (getClassLoadingLock(name)) {
                Class<?> c = findLoadedClass(name);
                return c != null ? c : findClass(name);
            }
        }
        return super.loadClass(name, resolve);
    }

    @Override
    protected Class<?> findClass(String name) throws ClassNotFoundException {
        if (!name.startsWith(HOOKS)) {
            throw new ClassNotFoundException(name);
        }
        try (InputStream in = hookBytes.getResourceAsStream(name.replace('.', '/') + ".class")) {
            if (in == null) {
                throw new ClassNotFoundException(name);
            }
            byte[] bytes = in.readAllBytes();
            return defineClass(name, bytes, 0, bytes.length);
        } catch (IOException e) {
            throw new ClassNotFoundException(name, e);
        }
    }
}
