package dev.ctagent.launcher;

import java.io.File;
import java.lang.instrument.Instrumentation;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URL;
import java.util.jar.JarFile;

/**
 * The entry point in ct-agent.jar's visible part. As an agent it starts the agent inside its own class
 * loader; as a program ({@code java -jar ct-agent.jar ...}) it runs the CLI. JDK types only; no logging
 * framework, no JMX here (both would be initialised before the application could configure them).
 *
 * <p>The JVM puts an agent jar on the system class path, so the bridge the inlined advice calls is
 * visible to every class loader that delegates there (all common containers). It is not appended to the
 * boot class path by default: doing so makes the JVM print a CDS warning and turns class-data sharing
 * off for every non-boot class, including an application's own AppCDS archive. Containers whose loaders
 * do not delegate to the system loader (OSGi, JBoss Modules) can ask for it with
 * {@code -Dct.bridge.bootstrap=true} (or {@code CT_BRIDGE_BOOTSTRAP=true}).
 */
public final class AgentLauncher {
    private static boolean started;

    private AgentLauncher() {}

    public static void premain(String args, Instrumentation inst) {
        start(args, inst);
    }

    public static void agentmain(String args, Instrumentation inst) {
        start(args, inst);
    }

    public static void main(String[] args) throws Throwable {
        try {
            Class<?> cli = agentClassLoader().loadClass("dev.ctagent.agent.cli.Cli");
            Method main = cli.getMethod("run", String[].class);
            int rc = (Integer) main.invoke(null, (Object) args);
            System.exit(rc);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    private static synchronized void start(String args, Instrumentation inst) {
        if (started) {
            return;
        }
        started = true;
        try {
            if (bridgeOnBootPath()) {
                inst.appendToBootstrapClassLoaderSearch(new JarFile(jarFile()));
            }
            Class<?> main = agentClassLoader().loadClass("dev.ctagent.agent.AgentMain");
            main.getMethod("start", String.class, Instrumentation.class).invoke(null, args, inst);
        } catch (InvocationTargetException e) {
            report(e.getCause());
        } catch (Throwable t) {
            report(t);
        }
    }

    private static boolean bridgeOnBootPath() {
        String v = System.getProperty("ct.bridge.bootstrap", System.getenv("CT_BRIDGE_BOOTSTRAP"));
        return "true".equalsIgnoreCase(v);
    }

    private static void report(Throwable t) {
        System.err.println("[ct-agent] failed to start, capture is off: " + t);
    }

    private static ClassLoader agentClassLoader() throws Exception {
        File file = jarFile();
        return new AgentClassLoader(new JarFile(file), file.toURI().toURL(), AgentLauncher.class.getClassLoader());
    }

    private static File jarFile() throws Exception {
        URL location = AgentLauncher.class.getProtectionDomain().getCodeSource().getLocation();
        return new File(location.toURI());
    }
}
