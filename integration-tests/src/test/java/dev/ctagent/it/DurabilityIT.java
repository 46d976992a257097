package dev.ctagent.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ctagent.it.awscli.AgentCli;
import dev.ctagent.it.awscli.CliRun;
import dev.ctagent.it.awscli.ValidationReport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Nothing captured is lost: not on SIGTERM under load, not on kill -9 (after the flush interval) — and the
 * digest chain still covers every log file, the recovered ones included.
 */
class DurabilityIT {
    private static final AgentCli CLI = new AgentCli(Paths.THIS_JAVA, Paths.AGENT_JAR);

    @TempDir
    Path trailDir;

    @Test
    void killNineThenRestartTurnsFlushedEventsIntoLogFiles() throws Exception {
        Map<String, String> settings = Map.of("ct.dir", trailDir.toString(), "ct.flush.interval", "PT0.2S",
                "ct.delivery.interval", "PT1H");
        List<String> flushedIds = new ArrayList<>();
        try (ForkedApp first = ForkedApp.start(Paths.THIS_JAVA, ForkedApp.agentArgs(settings), Paths.JETTY_APP, "0")) {
            Http http = new Http(first.awaitReady());
            for (int i = 0; i < 40; i++) {
                flushedIds.add(http.get("/hello").requestId());
            }
            Thread.sleep(1500); // several flush intervals pass before the kill
            try (Load load = new Load(first.awaitReady(), 4, 10_000, "/items/1")) {
                Thread.sleep(500);
                first.kill(); // SIGKILL in the middle of the load: no shutdown hook runs
            }
        }
        assertThat(TrailFiles.read(trailDir, "local")).as("nothing finished before the kill").isEmpty();

        try (ForkedApp second = ForkedApp.start(Paths.THIS_JAVA, ForkedApp.agentArgs(settings), Paths.JETTY_APP, "0")) {
            second.awaitReady();
            second.stop();
        }
        List<JsonNode> records = TrailFiles.records(trailDir, "local"); // every file: one gzip member, valid JSON
        records.forEach(CloudTrailRules::assertValid);
        Map<String, JsonNode> byId = new HashMap<>();
        records.forEach(r -> byId.put(r.path("requestID").asText(), r));
        for (String id : flushedIds) {
            JsonNode r = byId.get(id);
            assertThat(r).as("flushed event " + id + " survived kill -9").isNotNull();
            assertThat(r.get("addendum").get("reason").asText()).isEqualTo("DELIVERY_DELAY");
        }
        Set<String> eventIds = records.stream().map(r -> r.get("eventID").asText()).collect(Collectors.toSet());
        assertThat(eventIds).as("recovered records keep distinct eventIDs").hasSize(records.size());
        try (Stream<Path> open = Files.walk(trailDir.resolve(".ct-agent"))) {
            assertThat(open.filter(p -> p.toString().endsWith(".partial")).collect(Collectors.toList()))
                    .as("no partial file left behind").isEmpty();
        }
        assertEveryLogFileValidated(trailDir);
    }

    /** The agent's validate-logs finds every digest and every log file valid, each file listed by a digest. */
    private static void assertEveryLogFileValidated(Path ctDir) throws Exception {
        CliRun run = CLI.validateLogs(ctDir, "default");
        assertThat(run.rc()).as(run.toString()).isZero();
        ValidationReport report = run.report();
        assertThat(report.notValid()).as(run.toString()).isEmpty();
        assertThat(report.entries(ValidationReport.DIGEST)).as("digests").isNotEmpty();
        assertThat(report.entries(ValidationReport.LOG)).as("every log file, each once")
                .hasSize(TrailFiles.read(ctDir, "local").size());
    }

    @Test
    void sigtermUnderLoadWritesEverythingCaptured() throws Exception {
        Map<String, String> settings = Map.of("ct.dir", trailDir.toString(), "ct.delivery.interval", "PT1S");
        ForkedApp app = ForkedApp.start(Paths.THIS_JAVA, ForkedApp.agentArgs(settings), Paths.JETTY_APP, "0");
        try (app; Load load = new Load(app.awaitReady(), 4, 100_000, "/hello")) {
            Thread.sleep(3000);
            app.stop(); // SIGTERM while the load is still running
        }
        AgentSummary summary = AgentSummary.from(app.stderr());
        assertThat(summary.captured()).isGreaterThan(100);
        assertThat(summary.written()).isEqualTo(summary.captured());
        assertThat(summary.dropped()).isZero();
        List<JsonNode> records = TrailFiles.records(trailDir, "local");
        assertThat((long) records.size()).isEqualTo(summary.written());
        assertThat(TrailFiles.read(trailDir, "local").size()).as("files rolled every second").isGreaterThan(1);
        assertEveryLogFileValidated(trailDir);
    }
}
