package dev.ctagent.delivery.writer;

import dev.ctagent.delivery.digest.SigningKeyFile;
import dev.ctagent.runtime.capture.CaptureRing;
import dev.ctagent.runtime.capture.CapturedCall;
import dev.ctagent.runtime.config.AgentConfig;
import dev.ctagent.runtime.config.ConfigSource;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.util.Collections;
import java.util.Properties;
import java.util.function.BooleanSupplier;
import org.bouncycastle.util.io.pem.PemObject;
import org.bouncycastle.util.io.pem.PemWriter;

/** Test helpers: configs, publishing into a ring, polling for an effect. */
final class TestTrails {
    static final String BUCKET = "test-bucket";

    private TestTrails() {}

    /** A config writing under {@code dir}; {@code keyValues} override defaults, e.g. "ct.flush.interval", "0.2". */
    static AgentConfig config(Path dir, String... keyValues) throws Exception {
        Properties p = new Properties();
        p.setProperty("ct.dir", dir.toString());
        p.setProperty("ct.bucket", BUCKET);
        p.setProperty("ct.account.id", "123456789012");
        p.setProperty("ct.region", "eu-west-1");
        p.setProperty("ct.trail.name", "test-trail");
        for (int i = 0; i < keyValues.length; i += 2) {
            p.setProperty(keyValues[i], keyValues[i + 1]);
        }
        AgentConfig config = AgentConfig.from(ConfigSource.of(p, new Properties(), Collections.emptyMap()),
                Collections.emptyMap());
        if (config.digestEnabled()) {
            signingKey(config); // in place before the writer looks for it: no key generation per test
        }
        return config;
    }

    private static String pem;

    /**
     * The trail's signing key: one RSA key per test JVM (generating costs ~0.1 s), written owner-read-only
     * where the config says, then loaded as the agent does.
     */
    static synchronized SigningKeyFile.Loaded signingKey(AgentConfig config) throws Exception {
        if (pem == null) {
            KeyPairGenerator gen = KeyPairGenerator.getInstance("RSA");
            gen.initialize(2048);
            StringWriter out = new StringWriter();
            try (PemWriter w = new PemWriter(out)) {
                w.writeObject(new PemObject("PRIVATE KEY", gen.generateKeyPair().getPrivate().getEncoded()));
            }
            pem = out.toString();
        }
        Path file = config.digestPrivateKey();
        if (!Files.exists(file)) {
            Files.createDirectories(file.getParent());
            Files.write(file, pem.getBytes(StandardCharsets.US_ASCII));
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("r--------"));
        }
        return new SigningKeyFile(file).load();
    }

    static Path bucketDir(AgentConfig config) {
        return config.dir().resolve(config.bucket());
    }

    /** Publishes one served call the way instrumentation does; false when the ring refused it. */
    static boolean publish(CaptureRing ring, String requestUri) {
        long seq = ring.claim();
        if (seq < 0) {
            return false;
        }
        try {
            CapturedCall call = ring.slot(seq);
            call.kind = CapturedCall.SERVED;
            call.eventTimeMillis = System.currentTimeMillis();
            call.served.requestUri = requestUri;
        } finally {
            ring.publish(seq);
        }
        return true;
    }

    /** Polls until {@code condition} holds; fails after a generous limit (never a timing assertion). */
    static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("still waiting for: " + what);
            }
            Thread.sleep(10);
        }
    }
}
