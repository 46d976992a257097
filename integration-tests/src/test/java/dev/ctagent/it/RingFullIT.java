package dev.ctagent.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A ring of two slots under a burst: drop mode counts exactly what it drops, block mode drops nothing. */
class RingFullIT {
    @TempDir
    Path trailDir;

    private static final int THREADS = 16;
    private static final int PER_THREAD = 150;

    private AgentSummary burst(String whenFull) throws Exception {
        Map<String, String> settings = Map.of("ct.dir", trailDir.toString(), "ct.buffer.capacity", "2",
                "ct.buffer.whenFull", whenFull, "ct.gzip.level", "9");
        ForkedApp app = ForkedApp.start(Paths.THIS_JAVA, ForkedApp.agentArgs(settings), Paths.JETTY_APP, "0");
        try (app) {
            Load load = new Load(app.awaitReady(), THREADS, PER_THREAD, "/hello");
            load.await();
            assertThat(load.failed()).as("every request answered").isZero();
            assertThat(load.ok()).isEqualTo((long) THREADS * PER_THREAD);
            app.stop();
        }
        return AgentSummary.from(app.stderr());
    }

    @Test
    void dropModeStatesInTheTrailExactlyWhatItDropped() throws Exception {
        AgentSummary summary = burst("drop");
        List<JsonNode> records = TrailFiles.records(trailDir, "local");
        records.forEach(CloudTrailRules::assertValid);
        long statedDrops = records.stream().filter(r -> r.get("eventName").asText().equals("EventsDropped"))
                .peek(r -> assertThat(r.get("eventType").asText()).isEqualTo("AwsServiceEvent"))
                .mapToLong(r -> r.get("serviceEventDetails").get("droppedEvents").asLong()).sum();
        long calls = records.stream().filter(r -> r.get("eventType").asText().equals("AwsApiCall")).count();
        assertThat(summary.dropped()).as("a 2-slot ring under 16 concurrent clients drops").isPositive();
        assertThat(statedDrops).isEqualTo(summary.dropped());
        assertThat(calls).as("written counts captured calls (not the EventsDropped records)")
                .isEqualTo(summary.written());
        assertThat(calls + summary.dropped()).isEqualTo((long) THREADS * PER_THREAD);
    }

    @Test
    void blockModeLosesNothing() throws Exception {
        AgentSummary summary = burst("block");
        assertThat(summary.dropped()).isZero();
        List<JsonNode> records = TrailFiles.records(trailDir, "local");
        assertThat(records).hasSize(THREADS * PER_THREAD);
    }
}
