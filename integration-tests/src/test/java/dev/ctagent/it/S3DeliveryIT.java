package dev.ctagent.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ctagent.it.awscli.AwsCli;
import dev.ctagent.it.awscli.CliRun;
import dev.ctagent.it.awscli.FakeCloudTrail;
import dev.ctagent.it.delivery.BucketCopy;
import dev.ctagent.it.delivery.S3ProxyServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.HashSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;

/**
 * The real agent jar delivering straight to S3 (S3Proxy, which checks every SigV4 signature): CloudTrail's
 * layout, headers and digest metadata in the bucket, both validators reading the bucket, an outage under
 * load and a restart with files in the spool losing nothing, and two instances sharing one trail.
 */
class S3DeliveryIT {
    static final String ACCOUNT = "123456789012";
    static final String REGION = "us-east-1";
    static final String TRAIL = "fleet";
    static final String BUCKET = "fleet-trail";
    private static final Pattern LOG_KEY = Pattern.compile("^AWSLogs/" + ACCOUNT + "/CloudTrail/" + REGION
            + "/\\d{4}/\\d{2}/\\d{2}/" + ACCOUNT + "_CloudTrail_" + REGION + "_\\d{8}T\\d{4}Z_[A-Za-z0-9]{16}\\.json\\.gz$");
    private static final Pattern DIGEST_KEY = Pattern.compile("^AWSLogs/" + ACCOUNT + "/CloudTrail-Digest/" + REGION
            + "/\\d{4}/\\d{2}/\\d{2}/" + ACCOUNT + "_CloudTrail-Digest_" + REGION + "_" + TRAIL
            + "(~[a-z0-9-]+)?_" + REGION + "_\\d{8}T\\d{6}Z\\.json\\.gz$");

    @TempDir
    Path work;

    private S3ProxyServer s3proxy;
    private S3Client s3;
    private final Instant started = Instant.now().minusSeconds(60);

    @BeforeEach
    void startS3() throws Exception {
        s3proxy = S3ProxyServer.start(Files.createDirectories(work.resolve("s3proxy")));
        s3 = s3proxy.client();
        s3.createBucket(b -> b.bucket(BUCKET));
    }

    @AfterEach
    void stopS3() throws Exception {
        s3.close();
        s3proxy.close();
    }

    @Test
    void everyFileLandsInTheBucketInCloudTrailsLayoutAndBothValidatorsReadItFromThere() throws Exception {
        List<String> ids = new ArrayList<>();
        AgentSummary summary = run(settings(work.resolve("agent"), null), Duration.ofSeconds(8), ids);

        List<String> keys = BucketCopy.keys(s3, BUCKET);
        List<String> logs = keys.stream().filter(k -> k.contains("/CloudTrail/")).toList();
        List<String> digests = keys.stream().filter(k -> k.contains("/CloudTrail-Digest/")).toList();
        assertThat(logs).isNotEmpty().allMatch(k -> LOG_KEY.matcher(k).matches());
        assertThat(digests).hasSizeGreaterThanOrEqualTo(2).allMatch(k -> DIGEST_KEY.matcher(k).matches());
        assertThat(keys).as("no sidecars in a real bucket: the signature is user metadata")
                .noneMatch(k -> k.endsWith(".metadata.json"));
        for (String key : logs) {
            HeadObjectResponse head = s3.headObject(b -> b.bucket(BUCKET).key(key));
            assertThat(head.contentType()).isEqualTo("application/json");
            assertThat(head.contentEncoding()).isEqualTo("gzip");
        }
        for (String key : digests) {
            HeadObjectResponse head = s3.headObject(b -> b.bucket(BUCKET).key(key));
            assertThat(head.metadata()).containsKey("signature").containsEntry("signature-algorithm", "SHA256withRSA");
            assertThat(head.metadata().get("signature")).matches("[0-9a-f]{512}");
            assertThat(head.contentEncoding()).isEqualTo("gzip");
        }

        Path copy = BucketCopy.download(s3, BUCKET, work.resolve("copy"));
        List<JsonNode> records = TrailFiles.records(copy, BUCKET);
        assertThat(records).hasSize((int) summary.written());
        assertThat(records).as("the agent's own S3 calls are never recorded")
                .noneMatch(r -> r.get("eventSource").asText().endsWith(".amazonaws.com"));
        assertThat(records.stream().map(r -> r.get("requestID").asText()).toList()).containsAll(ids);

        AwsCli aws = new AwsCli(s3proxy.endpoint(), null, REGION, S3ProxyServer.ACCESS_KEY, S3ProxyServer.SECRET_KEY);
        CliRun ls = aws.run(List.of("s3", "ls", "--recursive", "s3://" + BUCKET));
        assertThat(ls.rc()).as(ls.toString()).isZero();
        assertThat(ls.stdout()).contains(logs).contains(digests);

        try (FakeCloudTrail cloudTrail = FakeCloudTrail.start().publicKeys(AgentTrail.listPublicKeys(copy.resolve(BUCKET)))) {
            AwsCli validate = new AwsCli(s3proxy.endpoint(), cloudTrail.endpoint(), REGION, S3ProxyServer.ACCESS_KEY,
                    S3ProxyServer.SECRET_KEY);
            CliRun run = validate.validateLogs(AwsCli.trailArn(REGION, ACCOUNT, TRAIL), started, null, BUCKET);
            assertThat(run.rc()).as(run.toString()).isZero();
            assertThat(run.stdout()).contains(digests.size() + "/" + digests.size() + " digest files valid")
                    .contains(logs.size() + "/" + logs.size() + " log files valid");
        }
        CliRun ours = AgentTrail.CLI.run(List.of("validate-logs", "--s3-bucket", BUCKET, "--endpoint-url",
                s3proxy.endpoint(), "--trail-name", TRAIL, "--start-time", started.toString()), s3Credentials());
        assertThat(ours.rc()).as(ours.toString()).isZero();
        assertThat(ours.stdout()).contains(digests.size() + "/" + digests.size() + " digest files valid")
                .contains(logs.size() + "/" + logs.size() + " log files valid");
    }

    @Test
    void anOutageUnderLoadAndARestartWithFilesInTheSpoolLoseNothing() throws Exception {
        Path ctDir = work.resolve("agent");
        Map<String, String> settings = settings(ctDir, null);
        List<String> ids = new ArrayList<>();
        // 1. under load, the store goes away for a while and comes back; the status MBean says so, then clears
        try (TrailStatusJmx status = new TrailStatusJmx(TRAIL);
             ForkedApp app = fork(status.with(settings))) {
            Http http = new Http(app.awaitReady());
            status.connect();
            load(http, Duration.ofSeconds(2), ids);
            s3proxy.stop();
            load(http, Duration.ofSeconds(4), ids);
            Path spool = ctDir.resolve(".ct-agent").resolve("spool");
            assertThat(spooledFiles(spool)).as("files wait in the spool while the store is down").isPositive();
            await("the status to report the outage", () -> status.get("LatestDeliveryError") != null
                    && ((Integer) status.get("SpoolFileCount")) > 0);
            assertThat((String) status.get("LatestDeliveryError")).contains("s3://" + BUCKET);
            s3proxy.startAgain();
            load(http, Duration.ofSeconds(2), ids);
            await("the spool to empty after the outage", () -> spooledFiles(spool) == 0);
            await("the status to clear the error", () -> status.get("LatestDeliveryError") == null
                    && Integer.valueOf(0).equals(status.get("SpoolFileCount")));
            assertThat(status.get("LatestDeliveryTime")).isInstanceOf(Date.class);
            // 2. down again, and the app stops with files still spooled
            s3proxy.stop();
            load(http, Duration.ofSeconds(3), ids);
            assertThat(app.stop()).isIn(0, 143);
            assertThat(spooledFiles(spool)).as("left for the next start").isPositive();
            assertThat(app.stderr()).anyMatch(l -> l.contains("[ct-agent] delivering to s3://" + BUCKET + " failed"));
        }
        s3proxy.startAgain();
        // 3. the next start delivers what the previous process left, before anything else
        try (ForkedApp app = fork(settings)) {
            app.awaitReady();
            await("the previous process's files", () -> spooledFiles(ctDir.resolve(".ct-agent").resolve("spool")) == 0);
            assertThat(app.stop()).isIn(0, 143);
        }

        Path copy = BucketCopy.download(s3, BUCKET, work.resolve("copy"));
        List<String> recorded = TrailFiles.records(copy, BUCKET).stream().map(r -> r.get("requestID").asText()).toList();
        assertThat(recorded).as("every request answered is in the bucket, once").containsAll(ids).doesNotHaveDuplicates();
        CliRun ours = AgentTrail.CLI.validateLogs(copy.resolve(BUCKET), TRAIL);
        assertThat(ours.rc()).as(ours.toString()).isZero();
    }

    @Test
    void twoInstancesWritingOneTrailIntoOneBucketNeverCollideAndEachChainValidates() throws Exception {
        List<String> ids = new ArrayList<>();
        try (ForkedApp a = fork(settings(work.resolve("a"), "pod-a"));
             ForkedApp b = fork(settings(work.resolve("b"), "pod-b"))) {
            Http ha = new Http(a.awaitReady());
            Http hb = new Http(b.awaitReady());
            long until = System.nanoTime() + Duration.ofSeconds(7).toNanos();
            while (System.nanoTime() < until) {
                ids.add(ha.get("/hello").requestId());
                ids.add(hb.get("/hello").requestId());
                Thread.sleep(10);
            }
            assertThat(a.stop()).isIn(0, 143);
            assertThat(b.stop()).isIn(0, 143);
        }
        List<String> keys = BucketCopy.keys(s3, BUCKET);
        List<String> digests = keys.stream().filter(k -> k.contains("/CloudTrail-Digest/")).toList();
        assertThat(digests).anyMatch(k -> k.contains("_" + TRAIL + "~pod-a_")).anyMatch(k -> k.contains("_" + TRAIL + "~pod-b_"));
        Path copy = BucketCopy.download(s3, BUCKET, work.resolve("copy"));
        assertThat(TrailFiles.records(copy, BUCKET).stream().map(r -> r.get("requestID").asText()).toList())
                .as("no file overwrote another").containsExactlyInAnyOrderElementsOf(ids);

        try (FakeCloudTrail cloudTrail = FakeCloudTrail.start().publicKeys(AgentTrail.listPublicKeys(copy.resolve(BUCKET)))) {
            AwsCli aws = new AwsCli(s3proxy.endpoint(), cloudTrail.endpoint(), REGION, S3ProxyServer.ACCESS_KEY,
                    S3ProxyServer.SECRET_KEY);
            for (String instance : List.of("pod-a", "pod-b")) {
                CliRun run = aws.validateLogs(AwsCli.trailArn(REGION, ACCOUNT, TRAIL + "~" + instance), started, null, BUCKET);
                assertThat(run.rc()).as(run.toString()).isZero();
                assertThat(run.stdout()).contains(" digest files valid").doesNotContain("INVALID");
            }
        }
        CliRun both = AgentTrail.CLI.run(List.of("validate-logs", "--s3-bucket", BUCKET, "--endpoint-url",
                s3proxy.endpoint(), "--trail-name", TRAIL, "--start-time", started.toString(), "--verbose"), s3Credentials());
        assertThat(both.rc()).as(both.toString()).isZero();
        assertThat(both.stdout()).contains(TRAIL + "~pod-a_").contains(TRAIL + "~pod-b_").doesNotContain("INVALID");
    }

    private Map<String, String> settings(Path ctDir, String instance) {
        Map<String, String> s = new HashMap<>();
        s.put("ct.dir", ctDir.toString());
        s.put("ct.account.id", ACCOUNT);
        s.put("ct.region", REGION);
        s.put("ct.trail.name", TRAIL);
        s.put("ct.s3.bucket", BUCKET);
        s.put("ct.s3.endpoint", s3proxy.endpoint());
        s.put("ct.s3.pathStyle", "true");
        s.put("ct.delivery.interval", "PT1S");
        s.put("ct.digest.interval", "PT3S");
        s.put("ct.retry.initialBackoff", "0.2");
        s.put("ct.retry.maxBackoff", "1");
        if (instance != null) {
            s.put("ct.instance.id", instance);
        }
        return s;
    }

    /**
     * The app also names an slf4j provider of its own: the agent's relocated slf4j must not look for it (it reads
     * its own, relocated property) and so stays silent.
     */
    private ForkedApp fork(Map<String, String> settings) throws Exception {
        List<String> jvmArgs = new ArrayList<>(ForkedApp.agentArgs(settings));
        jvmArgs.add("-Dslf4j.provider=org.example.ApplicationsOwnProvider");
        return ForkedApp.start(Paths.THIS_JAVA, jvmArgs, env -> env.putAll(s3Credentials()), Paths.JETTY_APP, "0");
    }

    private static Map<String, String> s3Credentials() {
        return Map.of("AWS_ACCESS_KEY_ID", S3ProxyServer.ACCESS_KEY, "AWS_SECRET_ACCESS_KEY", S3ProxyServer.SECRET_KEY,
                "AWS_REGION", REGION);
    }

    private AgentSummary run(Map<String, String> settings, Duration load, List<String> ids) throws Exception {
        try (ForkedApp app = fork(settings)) {
            load(new Http(app.awaitReady()), load, ids);
            assertThat(app.stop()).isIn(0, 143);
            List<String> agentLines = app.stderr().stream().filter(l -> l.contains("[ct-agent]")).toList();
            assertThat(agentLines).as("the agent's stderr")
                    .noneMatch(l -> !l.contains("stopped:") && l.contains("failed"));
            assertThat(app.stderr()).as("the agent's own SDK logs nothing, not even slf4j's missing-binding notice")
                    .noneMatch(l -> l.startsWith("SLF4J"));
            AgentSummary summary = AgentSummary.from(app.stderr());
            assertThat(summary.written()).isEqualTo(summary.captured()).isEqualTo(ids.size());
            return summary;
        }
    }

    private static void load(Http http, Duration d, List<String> ids) throws Exception {
        long until = System.nanoTime() + d.toNanos();
        while (System.nanoTime() < until) {
            Http.Reply r = http.get("/hello");
            assertThat(r.status()).isEqualTo(200);
            ids.add(r.requestId());
            Thread.sleep(5);
        }
    }

    private static long spooledFiles(Path spool) throws Exception {
        if (!Files.isDirectory(spool)) {
            return 0;
        }
        try (var files = Files.list(spool)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".json")).count();
        }
    }

    private static void await(String what, Callable<Boolean> condition) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!Boolean.TRUE.equals(condition.call())) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("still waiting for: " + what);
            }
            Thread.sleep(100);
        }
    }
}
