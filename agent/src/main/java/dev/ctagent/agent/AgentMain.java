package dev.ctagent.agent;

import dev.ctagent.agent.instrumentation.Instrumentations;
import dev.ctagent.agent.instrumentation.awssdk.SdkCapture;
import dev.ctagent.agent.instrumentation.servlet.ServletCapture;
import dev.ctagent.bridge.SdkBridge;
import dev.ctagent.bridge.ServletBridge;
import dev.ctagent.delivery.record.RecordSerializer;
import dev.ctagent.delivery.status.TrailStats;
import dev.ctagent.delivery.writer.Trail;
import dev.ctagent.runtime.capture.CaptureRing;
import dev.ctagent.runtime.config.AgentConfig;
import dev.ctagent.delivery.digest.SigningKeyFile;
import dev.ctagent.runtime.config.ConfigException;
import dev.ctagent.runtime.config.ConfigSource;
import java.lang.instrument.Instrumentation;
import java.util.Map;

/**
 * Starts the agent inside its isolated class loader: configuration, the ring, the writer thread, the
 * instrumentation, and a shutdown hook that drains the ring into the last file. A bad configuration
 * turns capture off with one line naming the key (or, with {@code ct.failClosed=true}, stops the JVM).
 */
public final class AgentMain {
    private static final long STATUS_DELAY_MILLIS = 2000;

    private AgentMain() {}

    public static void start(String agentArgs, Instrumentation inst) {
        Map<String, String> env = System.getenv();
        ConfigSource source = null;
        AgentConfig config;
        try {
            source = ConfigSource.load(agentArgs, System.getProperties(), env);
            config = AgentConfig.from(source, env);
            if (config.enabled() && config.digestEnabled()) {
                new SigningKeyFile(config.digestPrivateKey()).refuseIfExposed(); // read later, off premain
            }
        } catch (ConfigException e) {
            boolean failClosed = source != null ? AgentConfig.failClosedRequested(source)
                    : "true".equalsIgnoreCase(System.getProperty("ct.failClosed", env.getOrDefault("CT_FAILCLOSED", "")));
            AgentLog.info("invalid configuration: " + e.getMessage()
                    + (failClosed ? "; ct.failClosed=true, stopping the JVM" : "; capture is off"));
            if (failClosed) {
                System.exit(1);
            }
            return;
        }
        for (String unknown : config.unknownKeys()) {
            AgentLog.info("unknown configuration key " + unknown + " (ignored; see the README for the keys)");
        }
        if (!config.enabled()) {
            AgentLog.info("disabled by ct.enabled=false");
            return;
        }
        try {
            run(config, inst);
        } catch (Throwable t) {
            AgentLog.info("failed to start, capture is off: " + t);
            if (config.failClosed()) {
                System.exit(1);
            }
        }
    }

    private static void run(AgentConfig config, Instrumentation inst) {
        // Our (relocated) Byte Buddy must not reach for sun.misc.Unsafe: advice needs no class injection,
        // and JDK 24+ warns on every start when Unsafe is touched. The property name is relocated too, so
        // an application's own Byte Buddy is unaffected.
        System.setProperty("dev.ctagent.shaded.net.bytebuddy.safe", "true");
        CaptureRing ring = new CaptureRing(config.bufferCapacity(), config.whenFull(), Trail.writerTickNanos(config));
        Trail trail = new Trail(config, ring, new RecordSerializer(config));
        trail.start();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(trail, ring), "ct-agent-shutdown"));
        ServletBridge.install(new ServletCapture(ring, config.requestIdHeader()));
        if (config.servletCaptureEnabled()) {
            ServletBridge.captureBodies(config.bodyMaxBytes());
        }
        if (config.awsSdkCaptureEnabled()) {
            SdkBridge.install(new SdkCapture(ring));
        }
        Instrumentations.install(inst, config);
        registerStatusLater(trail);
        AgentLog.info(Version.current() + " recording trail '" + config.trailName() + "' to "
                + (config.s3() != null ? "s3://" + config.s3().bucket() + " (spool " + config.spool().dir() + ")"
                        : config.dir().toString()));
    }

    /** Drains the ring into the last file, then states what was captured and what was written. */
    private static void stop(Trail trail, CaptureRing ring) {
        trail.stop();
        TrailStats s = trail.stats();
        AgentLog.info("stopped: captured=" + ring.captured() + " written=" + s.written() + " dropped="
                + ring.drops().total() + " skipped=" + s.skipped() + " failed=" + s.failed()
                + " files=" + s.deliveredFiles());
    }

    /**
     * JMX is touched only once the application has had time to start: creating the platform MBean server
     * in premain would initialise JMX and java.util.logging before the application could configure them.
     */
    private static void registerStatusLater(Trail trail) {
        Thread t = new Thread(() -> {
            try {
                Thread.sleep(STATUS_DELAY_MILLIS);
                trail.registerStatusMBean();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (Exception | LinkageError e) {
                AgentLog.info("status MBean not registered: " + e);
            }
        }, "ct-agent-jmx");
        t.setDaemon(true);
        t.start();
    }
}
