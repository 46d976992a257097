package dev.ctagent.delivery.validation;

import dev.ctagent.delivery.digest.DigestDocument;
import dev.ctagent.delivery.digest.DigestKey;
import dev.ctagent.delivery.digest.DigestSignatures;
import dev.ctagent.delivery.digest.DigestedLogFile;
import dev.ctagent.delivery.digest.PublicKeyFile;
import dev.ctagent.delivery.digest.SignatureSidecar;
import dev.ctagent.delivery.digest.SigningString;
import dev.ctagent.delivery.digest.TrailPublicKey;
import dev.ctagent.delivery.logfile.LogFileKey;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.bouncycastle.util.encoders.Hex;

/**
 * Builds real trails on disk the way CloudTrail lays them out: gzip log files, signed digests chained per
 * account and region, signature sidecars, published public keys. Tampering helpers change them afterwards.
 */
public final class TrailFixture {
    public static final String ACCOUNT = "123456789012";
    public static final String REGION = "us-east-1";
    public static final String TRAIL = "my-trail";

    private static KeyPair keyA;
    private static KeyPair keyB;

    public final Path bucketDir;
    public final String bucket;
    public final String prefix;
    public final String trailName;
    public final String homeRegion;
    private final Random random = new Random(42);

    public TrailFixture(Path root, String bucket, String prefix) {
        this(root, bucket, prefix, TRAIL, REGION);
    }

    public TrailFixture(Path root, String bucket, String prefix, String trailName, String homeRegion) {
        this.bucketDir = root.resolve(bucket);
        this.bucket = bucket;
        this.prefix = prefix;
        this.trailName = trailName;
        this.homeRegion = homeRegion;
    }

    public static synchronized KeyPair keyA() {
        if (keyA == null) {
            keyA = newKeyPair();
        }
        return keyA;
    }

    public static synchronized KeyPair keyB() {
        if (keyB == null) {
            keyB = newKeyPair();
        }
        return keyB;
    }

    public static KeyPair newKeyPair() {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
            g.initialize(2048);
            return g.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String fingerprint(KeyPair kp) {
        return TrailPublicKey.fingerprint(TrailPublicKey.pkcs1Der((RSAPublicKey) kp.getPublic()));
    }

    public static TrailPublicKey publicKey(KeyPair kp, Instant from, Instant to) {
        return new TrailPublicKey(TrailPublicKey.pkcs1Der((RSAPublicKey) kp.getPublic()), from, to);
    }

    public LocalTrailStore store() {
        return new LocalTrailStore(bucketDir);
    }

    /** Publishes a key next to the digests of an account and region. */
    public TrailFixture publish(String account, String region, KeyPair kp, Instant from, Instant to) {
        TrailPublicKey k = publicKey(kp, from, to);
        write(PublicKeyFile.key(prefix, account, region, k.fingerprint()), PublicKeyFile.toJson(k));
        return this;
    }

    public Chain chain(String account, String region, KeyPair signer) {
        return new Chain(account, region, signer);
    }

    public Chain chain() {
        return chain(ACCOUNT, REGION, keyA());
    }

    /** One account and region's digests, each chained to the one before. */
    public final class Chain {
        final String account;
        final String region;
        private KeyPair signer;
        private DigestDocument.Previous previous = DigestDocument.Previous.NONE;
        private String previousHashOverride;
        private String previousSignatureOverride;
        private final LogFileKey logKeys;
        private String digestTrailName = trailName;

        Chain(String account, String region, KeyPair signer) {
            this.account = account;
            this.region = region;
            this.signer = signer;
            this.logKeys = new LogFileKey(prefix, account, region, random);
        }

        /** A gzip log file delivered at {@code delivered} holding one record per given event name. */
        public DigestedLogFile log(Instant delivered, String... eventNames) {
            String key = logKeys.forDelivery(delivered);
            StringBuilder json = new StringBuilder("{\"Records\":[");
            for (int i = 0; i < eventNames.length; i++) {
                if (i > 0) {
                    json.append(',');
                }
                json.append("{\"eventVersion\":\"1.11\",\"eventTime\":\"").append(delivered.minusSeconds(30))
                        .append("\",\"eventName\":\"").append(eventNames[i]).append("\",\"awsRegion\":\"")
                        .append(region).append("\"}");
            }
            json.append("]}");
            byte[] bytes = json.toString().getBytes(StandardCharsets.UTF_8);
            write(key, gzip(bytes));
            String t = delivered.minusSeconds(30).toString();
            return new DigestedLogFile(bucket, key, sha256(bytes), t, t);
        }

        /** Digests named as an agent with {@code ct.instance.id} names them: {@code <trail>~<instance>}. */
        public Chain instance(String id) {
            this.digestTrailName = trailName + "~" + id;
            return this;
        }

        public Chain signWith(KeyPair kp) {
            this.signer = kp;
            return this;
        }

        /** The next digest starts a new chain (validation was off in between). */
        public Chain restart() {
            this.previous = DigestDocument.Previous.NONE;
            return this;
        }

        /** The next digest records this as its previous digest's hash. */
        public Chain nextPreviousHash(String hex) {
            this.previousHashOverride = hex;
            return this;
        }

        /** The next digest records (and signs) this as its previous digest's signature. */
        public Chain nextPreviousSignature(String hex) {
            this.previousSignatureOverride = hex;
            return this;
        }

        public String digest(Instant start, Instant end, DigestedLogFile... logs) {
            return digest(start, end, false, logs);
        }

        public String backfillDigest(Instant start, Instant end, DigestedLogFile... logs) {
            return digest(start, end, true, logs);
        }

        private String digest(Instant start, Instant end, boolean backfill, DigestedLogFile... logs) {
            String key = new DigestKey(prefix, account, region, digestTrailName, homeRegion).forEnd(end);
            if (backfill) {
                key = key.substring(0, key.length() - ".json.gz".length()) + "_backfill.json.gz";
            }
            DigestDocument.Previous p = previous;
            if (previousHashOverride != null || previousSignatureOverride != null) {
                p = new DigestDocument.Previous(p.bucket(), p.key(),
                        previousHashOverride != null ? previousHashOverride : p.sha256Hex(),
                        previousSignatureOverride != null ? previousSignatureOverride : p.signatureHex());
                previousHashOverride = null;
                previousSignatureOverride = null;
            }
            List<DigestedLogFile> files = Arrays.asList(logs);
            String oldest = files.isEmpty() ? null : files.get(0).oldestEventTime();
            String newest = files.isEmpty() ? null : files.get(files.size() - 1).newestEventTime();
            byte[] json = DigestDocument.toJson(account, start.toString(), end.toString(), bucket, key,
                    fingerprint(signer), oldest, newest, p, files);
            String sha = sha256(json);
            String signature;
            try {
                signature = DigestSignatures.sign(signer.getPrivate(),
                        SigningString.of(end.toString(), bucket, key, sha, p.signatureHex()));
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
            write(key, gzip(json));
            Map<String, String> metadata = SignatureSidecar.metadata(signature);
            if (backfill) {
                metadata.put("backfill-generation-timestamp", end.plusSeconds(600).toString());
            }
            write(SignatureSidecar.keyFor(key), SignatureSidecar.toJson(metadata));
            previous = new DigestDocument.Previous(bucket, key, sha, signature);
            return key;
        }
    }

    public Path path(String key) {
        return bucketDir.resolve(key);
    }

    public void write(String key, byte[] bytes) {
        try {
            Path p = path(key);
            Files.createDirectories(p.getParent());
            Files.write(p, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public byte[] read(String key) {
        try {
            return Files.readAllBytes(path(key));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public void delete(String key) {
        try {
            Files.delete(path(key));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Copies an object and its sidecar, if any, to another key. */
    public void copy(String from, String to) {
        write(to, read(from));
        if (Files.exists(path(SignatureSidecar.keyFor(from)))) {
            write(SignatureSidecar.keyFor(to), read(SignatureSidecar.keyFor(from)));
        }
    }

    /** The JSON of a gzip object, changed by {@code edit}, re-gzipped in place. */
    public void editJson(String key, java.util.function.UnaryOperator<String> edit) {
        String json = new String(gunzip(read(key)), StandardCharsets.UTF_8);
        String changed = edit.apply(json);
        if (changed.equals(json)) {
            throw new IllegalArgumentException("the edit changed nothing");
        }
        write(key, gzip(changed.getBytes(StandardCharsets.UTF_8)));
    }

    public static byte[] gzip(byte[] bytes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    public static byte[] gunzip(byte[] bytes) {
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(bytes))) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String sha256(byte[] bytes) {
        try {
            return Hex.toHexString(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
