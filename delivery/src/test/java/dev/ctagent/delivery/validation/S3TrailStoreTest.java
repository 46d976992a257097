package dev.ctagent.delivery.validation;

import static dev.ctagent.delivery.validation.TrailFixture.ACCOUNT;
import static dev.ctagent.delivery.validation.TrailFixture.REGION;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ctagent.delivery.aws.S3ProxyServer;
import dev.ctagent.delivery.destination.S3Destination;
import dev.ctagent.delivery.digest.DigestedLogFile;
import dev.ctagent.delivery.digest.SignatureSidecar;
import dev.ctagent.runtime.config.S3Settings;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/** {@link S3TrailStore} against S3Proxy: the same answers as {@link LocalTrailStore} gives for the same objects. */
class S3TrailStoreTest {
    private static final AtomicInteger BUCKETS = new AtomicInteger();
    @TempDir
    static Path storage;
    private static S3ProxyServer server;

    @TempDir
    Path local;
    private S3Client s3;
    private String bucket;

    @BeforeAll
    static void startServer() throws Exception {
        server = S3ProxyServer.start(storage);
    }

    @AfterAll
    static void stopServer() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    @BeforeEach
    void newBucket() {
        s3 = server.client();
        bucket = "store-" + BUCKETS.incrementAndGet();
        s3.createBucket(b -> b.bucket(bucket));
    }

    @AfterEach
    void closeClient() {
        s3.close();
    }

    /** The same object in the bucket and in a local folder standing for it. */
    private void put(String key, String body) throws IOException {
        s3.putObject(b -> b.bucket(bucket).key(key), RequestBody.fromString(body));
        Path file = local.resolve(key);
        Files.createDirectories(file.getParent());
        Files.writeString(file, body);
    }

    @Test
    void listsEveryKeyUnderAPrefixInByteOrderOverManyPages() throws Exception {
        List<String> keys = new ArrayList<>(List.of("AWSLogs/a/B.json", "AWSLogs/a/a.json", "AWSLogs/a/_x.json",
                "AWSLogs/a/1.json", "AWSLogs/a/b/c.json", "AWSLogs/a-b.json", "AWSLogs/a/\u00e9t\u00e9.json",
                "AWSLogs/a/Z.json", "other/AWSLogs/a/x.json"));
        Collections.shuffle(keys, new Random(5));
        for (String k : keys) {
            put(k, k);
        }
        S3TrailStore paged = new S3TrailStore(s3, bucket, 2);

        List<String> listed = paged.list("AWSLogs/a");

        assertThat(listed).containsExactly("AWSLogs/a-b.json", "AWSLogs/a/1.json", "AWSLogs/a/B.json",
                "AWSLogs/a/Z.json", "AWSLogs/a/_x.json", "AWSLogs/a/a.json", "AWSLogs/a/b/c.json",
                "AWSLogs/a/\u00e9t\u00e9.json");
        assertThat(listed).isEqualTo(new LocalTrailStore(local).list("AWSLogs/a"));
        assertThat(paged.list("")).hasSize(keys.size());
        assertThat(paged.list("AWSLogs/nothing/")).isEmpty();
    }

    @Test
    void listsTheFoldersDirectlyUnderAPrefix() throws Exception {
        for (String k : List.of("AWSLogs/111111111111/CloudTrail/us-east-1/2026/11/21/x.json.gz",
                "AWSLogs/111111111111/CloudTrail-Digest/us-east-1/2026/11/21/d.json.gz",
                "AWSLogs/222222222222/CloudTrail/eu-west-1/x.json.gz", "AWSLogs/top.json", "AWSLogs/o-abc/x")) {
            put(k, "{}");
        }
        S3TrailStore store = new S3TrailStore(s3, bucket, 1);

        assertThat(store.listFolders("AWSLogs/")).containsExactly("AWSLogs/111111111111/", "AWSLogs/222222222222/",
                "AWSLogs/o-abc/");
        assertThat(store.listFolders("AWSLogs/111111111111/CloudTrail")).containsExactly(
                "AWSLogs/111111111111/CloudTrail-Digest/", "AWSLogs/111111111111/CloudTrail/");
        assertThat(store.listFolders("AWSLogs/111111111111/CloudTrail")).isEqualTo(
                new LocalTrailStore(local).listFolders("AWSLogs/111111111111/CloudTrail"));
        assertThat(store.listFolders("nothing/")).isEmpty();
    }

    @Test
    void readsTheExactBytesAndTheUserMetadata() throws Exception {
        byte[] body = TrailFixture.gzip("{\"digest\":true}".getBytes(StandardCharsets.UTF_8));
        Map<String, String> metadata = SignatureSidecar.metadata("0a1b2c");
        s3.putObject(b -> b.bucket(bucket).key("d.json.gz").metadata(metadata), RequestBody.fromBytes(body));
        s3.putObject(b -> b.bucket(bucket).key("plain.json"), RequestBody.fromString("{}"));
        S3TrailStore store = new S3TrailStore(s3, bucket);

        assertThat(store.read("d.json.gz")).isEqualTo(body);
        try (var in = store.open("d.json.gz")) {
            assertThat(in.readAllBytes()).isEqualTo(body);
        }
        assertThat(store.metadata("d.json.gz")).isEqualTo(metadata);
        assertThat(store.metadata("plain.json")).isEmpty();
        assertThat(store.bucket()).isEqualTo(bucket);
    }

    @Test
    void aMissingObjectIsNoSuchKeyForGetAndHead() {
        S3TrailStore store = new S3TrailStore(s3, bucket);

        assertThatThrownBy(() -> store.open("AWSLogs/none.json.gz")).isInstanceOf(NoSuchKeyException.class)
                .hasMessage("NoSuchKey: s3://" + bucket + "/AWSLogs/none.json.gz");
        assertThatThrownBy(() -> store.read("AWSLogs/none.json.gz")).isInstanceOf(NoSuchKeyException.class);
        assertThatThrownBy(() -> store.metadata("AWSLogs/none.json.gz")).isInstanceOf(NoSuchKeyException.class);
    }

    @Test
    void aMissingBucketOrARefusedKeyIsAFailureNotAMissingObject() {
        S3TrailStore noBucket = new S3TrailStore(s3, bucket + "-gone");
        assertThatThrownBy(() -> noBucket.open("k")).isInstanceOf(IOException.class)
                .isNotInstanceOf(NoSuchKeyException.class)
                .hasMessageContaining("s3://" + bucket + "-gone/k").hasMessageContaining("HTTP 404 NoSuchBucket");
        assertThatThrownBy(() -> noBucket.list("AWSLogs/")).isInstanceOf(IOException.class)
                .hasMessageContaining("NoSuchBucket");

        try (S3Client wrong = server.client(S3ProxyServer.IDENTITY, "wrong-secret")) {
            S3TrailStore refused = new S3TrailStore(wrong, bucket);
            assertThatThrownBy(() -> refused.list("")).isInstanceOf(IOException.class)
                    .hasMessageStartingWith("S3 ListObjectsV2 s3://" + bucket + "/ failed: HTTP 403");
        }
    }

    /**
     * A signed trail, uploaded as the agent delivers it (signatures as user metadata, keys published next to
     * the digests), validates from S3 exactly as from the local folder: same lines, same status; and a
     * changed log file in the bucket is found.
     */
    @Test
    void theValidatorGivesTheSameAnswerFromS3AsFromTheLocalFolder() throws Exception {
        TrailFixture trail = new TrailFixture(local, bucket, "pre/fix");
        trail.publish(ACCOUNT, REGION, TrailFixture.keyA(), Instant.parse("2026-11-01T00:00:00Z"), null);
        TrailFixture.Chain chain = trail.chain();
        DigestedLogFile l1 = chain.log(t("10:05:10"), "GetObject", "PutObject");
        chain.digest(t("10:00:31"), t("11:00:31"), l1);
        DigestedLogFile l2 = chain.log(t("11:40:00"), "ListBuckets");
        chain.digest(t("11:00:31"), t("12:00:31"), l2);
        upload(trail.bucketDir);
        S3TrailStore store = new S3TrailStore(s3, bucket);

        String[] fromLocal = validate(trail.store(), "pre/fix");
        String[] fromS3 = validate(store, "pre/fix");

        assertThat(fromS3).containsExactly(fromLocal);
        assertThat(fromS3[0]).isEqualTo("0");
        assertThat(fromS3[1]).contains("Log file\ts3://" + bucket + "/" + l2.key() + "\tvalid")
                .contains("2/2 digest files valid").contains("2/2 log files valid");

        s3.putObject(b -> b.bucket(bucket).key(l1.key()),
                RequestBody.fromBytes(TrailFixture.gzip("{\"Records\":[]}".getBytes(StandardCharsets.UTF_8))));
        String[] tampered = validate(store, "pre/fix");
        assertThat(tampered[0]).isEqualTo("1");
        assertThat(tampered[2]).contains("Log file\ts3://" + bucket + "/" + l1.key()
                + "\tINVALID: hash value doesn't match");
    }

    private void upload(Path bucketDir) throws IOException {
        List<Path> files;
        try (Stream<Path> s = Files.walk(bucketDir)) {
            files = s.filter(Files::isRegularFile).collect(Collectors.toList());
        }
        S3Destination destination = new S3Destination(server.client(), bucket, S3Settings.Sse.NONE, null);
        try (destination) {
            for (Path f : files) {
                String key = bucketDir.relativize(f).toString().replace('\\', '/');
                if (key.endsWith(SignatureSidecar.SUFFIX)) {
                    continue; // becomes the digest's user metadata
                }
                Path sidecar = f.resolveSibling(f.getFileName() + SignatureSidecar.SUFFIX);
                Map<String, String> metadata = Files.exists(sidecar)
                        ? SignatureSidecar.fromJson(Files.readAllBytes(sidecar)) : Map.of();
                destination.put(key, Files.readAllBytes(f), metadata);
            }
        }
    }

    /** rc, stdout, stderr of a verbose validation. */
    private static String[] validate(TrailStore store, String prefix) throws ValidationException {
        ValidationOptions options = new ValidationOptions().prefix(prefix).start(t("10:00:00")).end(t("13:00:00"))
                .verbose(true).clock(Clock.fixed(t("14:00:00"), ZoneOffset.UTC));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int rc;
        try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
             PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            rc = new TrailValidator(store, options).run(o, e);
        }
        return new String[] {Integer.toString(rc), out.toString(StandardCharsets.UTF_8),
            err.toString(StandardCharsets.UTF_8)};
    }

    private static Instant t(String hhmmss) {
        return Instant.parse("2026-11-21T" + hhmmss + "Z");
    }
}
