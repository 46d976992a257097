package dev.ctagent.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ctagent.it.awscli.AgentCli;
import dev.ctagent.it.awscli.CliRun;
import dev.ctagent.it.awscli.AwsCli;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * A signed trail written by the real agent jar in a forked app: light request load, log files every 2 s,
 * digests every 10 s, stopped with SIGTERM (which delivers the last log file and the chain's final digest).
 */
final class AgentTrail {
    static final String ACCOUNT = "123456789012";
    static final String REGION = "us-east-1";
    static final String TRAIL = "awscli-it";
    /** The bucket the trail names in its digests; an S3 copy must live in a bucket of this name. */
    static final String BUCKET = "awscli-it-trail";
    static final String ARN = AwsCli.trailArn(REGION, ACCOUNT, TRAIL);
    static final AgentCli CLI = new AgentCli(Paths.THIS_JAVA, Paths.AGENT_JAR);

    private static AgentTrail shared;

    final Path ctDir;
    /** Just before the first run started: a validation range starting here covers the whole trail. */
    final Instant started;

    private AgentTrail(Path ctDir, Instant started) {
        this.ctDir = ctDir;
        this.started = started;
    }

    /**
     * One 25-second Spring Boot run, made once per test JVM and shared read-only (tests tamper with copies):
     * the slowest part of these tests.
     */
    static synchronized AgentTrail shared() throws Exception {
        if (shared == null) {
            AgentTrail t = new AgentTrail(Files.createTempDirectory("ct-agent-trail"), Instant.now().minusSeconds(60));
            Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteQuietly(t.ctDir), "delete-shared-trail"));
            t.run(Paths.SPRING_APP, Duration.ofSeconds(25), Map.of(), "--server.port=0");
            shared = t;
        }
        return shared;
    }

    private static void deleteQuietly(Path dir) {
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | RuntimeException ignored) {
            // a temporary folder: the OS cleans up what is left
        }
    }

    /** A fresh, empty trail in {@code ctDir}, filled by {@link #run}. */
    static AgentTrail in(Path ctDir) {
        return new AgentTrail(ctDir, Instant.now().minusSeconds(60));
    }

    static Map<String, String> settings(Path ctDir) {
        Map<String, String> s = new HashMap<>();
        s.put("ct.dir", ctDir.toString());
        s.put("ct.bucket", BUCKET);
        s.put("ct.account.id", ACCOUNT);
        s.put("ct.region", REGION);
        s.put("ct.trail.name", TRAIL);
        s.put("ct.delivery.interval", "PT2S");
        s.put("ct.digest.interval", "PT10S");
        return s;
    }

    /**
     * Runs {@code app} with the agent on this trail's folder for {@code load} (a request every 20 ms), then
     * SIGTERM; {@code extra} settings override the defaults. Returns the app's stderr.
     */
    List<String> run(Path app, Duration load, Map<String, String> extra, String... appArgs) throws Exception {
        Map<String, String> settings = settings(ctDir);
        settings.putAll(extra);
        try (ForkedApp forked = ForkedApp.start(Paths.THIS_JAVA, ForkedApp.agentArgs(settings), app, appArgs)) {
            Http http = new Http(forked.awaitReady());
            String path = app.equals(Paths.SPRING_APP) ? "/owners/7" : "/hello";
            long until = System.nanoTime() + load.toNanos();
            int ok = 0;
            for (int i = 0; System.nanoTime() < until && i < 10_000; i++) {
                ok += http.get(path).status() == 200 ? 1 : 0;
                Thread.sleep(20);
            }
            assertThat(ok).as("requests served").isGreaterThan(10);
            assertThat(forked.stop()).as("exit status after SIGTERM; stderr " + forked.stderr()).isIn(0, 143);
            List<String> agentLines = forked.stderr().stream().filter(l -> l.contains("[ct-agent]")).toList();
            assertThat(agentLines).as("the agent's stderr")
                    .noneMatch(l -> !l.contains("] stopped: ") && (l.contains("failed") || l.contains("invalid")));
            AgentSummary summary = AgentSummary.from(forked.stderr());
            assertThat(summary.written()).as(agentLines.toString()).isEqualTo(summary.captured()).isGreaterThan(10);
            assertThat(summary.dropped()).isZero();
            return forked.stderr();
        }
    }

    /**
     * A ListPublicKeys answer for the fake CloudTrail: {@code ct-agent.jar list-public-keys} on the bucket
     * folder, for the range the client asked (StartTime and EndTime are epoch seconds on the wire).
     */
    static Function<JsonNode, String> listPublicKeys(Path bucketFolder) {
        return request -> {
            try {
                CliRun run = CLI.listPublicKeys(bucketFolder, time(request.get("StartTime")), time(request.get("EndTime")));
                assertThat(run.rc()).as(run.toString()).isZero();
                return run.stdout();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        };
    }

    private static Instant time(JsonNode epochSeconds) {
        return epochSeconds == null || epochSeconds.isNull() ? null
                : Instant.ofEpochMilli(Math.round(epochSeconds.asDouble() * 1000));
    }

    /** {@code <ct.dir>/<bucket>}: the folder standing for the bucket. */
    Path bucketFolder() {
        return ctDir.resolve(BUCKET);
    }

    List<String> logFileKeys() throws IOException {
        return keys(bucketFolder(), "/CloudTrail/", ".json.gz");
    }

    List<String> digestKeys() throws IOException {
        return keys(bucketFolder(), "/CloudTrail-Digest/", ".json.gz");
    }

    List<String> publicKeyKeys() throws IOException {
        return keys(bucketFolder(), "/CloudTrail-PublicKey/", ".json");
    }

    /** Keys (relative to the bucket folder, sorted) of files whose key contains {@code folder} and ends with {@code suffix}. */
    static List<String> keys(Path bucketFolder, String folder, String suffix) throws IOException {
        try (Stream<Path> s = Files.walk(bucketFolder)) {
            return s.filter(Files::isRegularFile).map(p -> bucketFolder.relativize(p).toString().replace('\\', '/'))
                    .filter(k -> k.contains(folder) && k.endsWith(suffix)).sorted().toList();
        }
    }

    /** Copies the bucket folder to {@code <dir>/<bucket>} and returns the copy. */
    Path copyBucketFolderTo(Path dir) throws IOException {
        Path from = bucketFolder();
        Path to = dir.resolve(BUCKET);
        try (Stream<Path> s = Files.walk(from)) {
            for (Path p : s.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
        return to;
    }
}
