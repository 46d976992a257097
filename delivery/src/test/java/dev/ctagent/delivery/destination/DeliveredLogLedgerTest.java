package dev.ctagent.delivery.destination;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ctagent.delivery.logfile.FinishedLogFile;
import dev.ctagent.delivery.logfile.LogFiles;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeliveredLogLedgerTest {
    @TempDir
    Path ctDir;

    @Test
    void oneLinePerDeliveryWithDigestFieldNamesAndCloudTrailTimes() throws Exception {
        DeliveredLogLedger ledger = new DeliveredLogLedger(DeliveredLogLedger.defaultFile(ctDir, "default"), "my-bucket");

        ledger.append(file("AWSLogs/a.json.gz", "2024-01-01T10:00:00.400Z"));
        ledger.append(file("AWSLogs/b.json.gz", "2024-01-01T10:05:00.999Z"));

        assertThat(ledger.file()).isEqualTo(ctDir.resolve(".ct-agent").resolve("delivered-logs-default.jsonl"));
        List<String> lines = Files.readAllLines(ledger.file());
        assertThat(lines).hasSize(2);
        JsonNode first = LogFiles.JSON.readTree(lines.get(0));
        assertThat(LogFiles.fieldNames(first)).containsExactly("s3Bucket", "s3Object", "hashValue", "hashAlgorithm",
                "oldestEventTime", "newestEventTime", "deliveryTime", "deliveryTimeMillis");
        assertThat(first.get("s3Bucket").asText()).isEqualTo("my-bucket");
        assertThat(first.get("s3Object").asText()).isEqualTo("AWSLogs/a.json.gz");
        assertThat(first.get("hashValue").asText()).isEqualTo("ab".repeat(32));
        assertThat(first.get("hashAlgorithm").asText()).isEqualTo("SHA-256");
        assertThat(first.get("oldestEventTime").asText()).isEqualTo("2023-12-31T23:59:58Z");
        assertThat(first.get("newestEventTime").asText()).isEqualTo("2024-01-01T09:59:59Z");
        assertThat(first.get("deliveryTime").asText()).isEqualTo("2024-01-01T10:00:00Z");
        assertThat(first.get("deliveryTimeMillis").asLong())
                .isEqualTo(Instant.parse("2024-01-01T10:00:00.400Z").toEpochMilli());
        assertThat(LogFiles.JSON.readTree(lines.get(1)).get("s3Object").asText()).isEqualTo("AWSLogs/b.json.gz");
    }

    @Test
    void aLineTornByACrashDoesNotSpoilTheNextOne() throws Exception {
        Path file = DeliveredLogLedger.defaultFile(ctDir, "default");
        Files.createDirectories(file.getParent());
        Files.write(file, "{\"s3Bucket\":\"b\",\"s3Obj".getBytes(StandardCharsets.UTF_8), StandardOpenOption.CREATE);
        DeliveredLogLedger ledger = new DeliveredLogLedger(file, "b");

        ledger.append(file("AWSLogs/c.json.gz", "2024-01-01T10:00:00Z"));

        List<String> lines = Files.readAllLines(file);
        assertThat(lines).hasSize(2);
        assertThat(LogFiles.JSON.readTree(lines.get(1)).get("s3Object").asText()).isEqualTo("AWSLogs/c.json.gz");
    }

    private static FinishedLogFile file(String key, String delivered) {
        return new FinishedLogFile(key, Path.of("x"), "ab".repeat(32), Instant.parse("2023-12-31T23:59:58.700Z"),
                Instant.parse("2024-01-01T09:59:59.999Z"), Instant.parse(delivered), 1, 10, 20);
    }
}
