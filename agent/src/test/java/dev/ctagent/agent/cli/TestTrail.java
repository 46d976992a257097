package dev.ctagent.agent.cli;

import dev.ctagent.delivery.digest.DigestDocument;
import dev.ctagent.delivery.digest.DigestKey;
import dev.ctagent.delivery.digest.DigestSignatures;
import dev.ctagent.delivery.digest.DigestedLogFile;
import dev.ctagent.delivery.digest.PublicKeyFile;
import dev.ctagent.delivery.digest.SignatureSidecar;
import dev.ctagent.delivery.digest.SigningString;
import dev.ctagent.delivery.digest.TrailPublicKey;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.bouncycastle.util.encoders.Hex;

/** A small real trail on disk: gzip log files, a signed digest chain, sidecars, published keys. */
final class TestTrail {
    static final String ACCOUNT = "123456789012";
    static final String REGION = "us-east-1";
    static final String NAME = "cli-trail";
    private static KeyPair keyA;
    private static KeyPair keyB;

    final Path bucketDir;
    final String bucket;
    private DigestDocument.Previous previous = DigestDocument.Previous.NONE;
    private int logs;

    TestTrail(Path bucketDir) {
        this.bucketDir = bucketDir;
        this.bucket = bucketDir.getFileName().toString();
    }

    static synchronized KeyPair keyA() {
        if (keyA == null) {
            keyA = generate();
        }
        return keyA;
    }

    static synchronized KeyPair keyB() {
        if (keyB == null) {
            keyB = generate();
        }
        return keyB;
    }

    private static KeyPair generate() {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
            g.initialize(2048);
            return g.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static TrailPublicKey publicKey(KeyPair kp, Instant from, Instant to) {
        return new TrailPublicKey(TrailPublicKey.pkcs1Der((RSAPublicKey) kp.getPublic()), from, to);
    }

    TestTrail publish(KeyPair kp, Instant from, Instant to) throws IOException {
        TrailPublicKey k = publicKey(kp, from, to);
        write(PublicKeyFile.key("", ACCOUNT, REGION, k.fingerprint()), PublicKeyFile.toJson(k));
        return this;
    }

    DigestedLogFile log(Instant delivered) throws Exception {
        String stamp = DigestKey.stamp(delivered).substring(0, 13) + "Z";
        String key = "AWSLogs/" + ACCOUNT + "/CloudTrail/" + REGION + "/" + delivered.toString().substring(0, 10)
                .replace('-', '/') + "/" + ACCOUNT + "_CloudTrail_" + REGION + "_" + stamp + "_Abcdefgh" + (10000000 + logs++)
                + ".json.gz";
        byte[] json = ("{\"Records\":[{\"eventVersion\":\"1.11\",\"eventTime\":\"" + delivered + "\"}]}")
                .getBytes(StandardCharsets.UTF_8);
        write(key, gzip(json));
        return new DigestedLogFile(bucket, key, sha256(json), delivered.toString(), delivered.toString());
    }

    String digest(KeyPair signer, Instant start, Instant end, DigestedLogFile... files) throws Exception {
        String key = new DigestKey("", ACCOUNT, REGION, NAME, REGION).forEnd(end);
        List<DigestedLogFile> list = List.of(files);
        String fingerprint = TrailPublicKey.fingerprint(TrailPublicKey.pkcs1Der((RSAPublicKey) signer.getPublic()));
        byte[] json = DigestDocument.toJson(ACCOUNT, start.toString(), end.toString(), bucket, key, fingerprint,
                list.isEmpty() ? null : list.get(0).oldestEventTime(),
                list.isEmpty() ? null : list.get(0).newestEventTime(), previous, list);
        String sha = sha256(json);
        String signature = DigestSignatures.sign(signer.getPrivate(),
                SigningString.of(end.toString(), bucket, key, sha, previous.signatureHex()));
        write(key, gzip(json));
        write(SignatureSidecar.keyFor(key), SignatureSidecar.toJson(SignatureSidecar.metadata(signature)));
        previous = new DigestDocument.Previous(bucket, key, sha, signature);
        return key;
    }

    void write(String key, byte[] bytes) throws IOException {
        Path p = bucketDir.resolve(key);
        Files.createDirectories(p.getParent());
        Files.write(p, bytes);
    }

    static byte[] gzip(byte[] bytes) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(bytes);
        }
        return out.toByteArray();
    }

    static String sha256(byte[] bytes) throws GeneralSecurityException {
        return Hex.toHexString(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
