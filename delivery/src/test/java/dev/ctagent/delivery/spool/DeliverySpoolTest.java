package dev.ctagent.delivery.spool;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeliverySpoolTest {
    @TempDir
    Path dir;

    @Test
    void entriesComeOutInTheOrderTheyWentInAndSurviveAReopen() throws Exception {
        DeliverySpool spool = DeliverySpool.open(dir.resolve("spool"), 1 << 20);
        spool.addLogFile("AWSLogs/1/CloudTrail/r/a.json.gz", file("a", 100), 3);
        spool.addObject(SpoolEntry.Kind.DIGEST, "AWSLogs/1/CloudTrail-Digest/r/d.json.gz",
                "digest".getBytes(StandardCharsets.UTF_8), Map.of("signature", "ab12", "signature-algorithm", "SHA256withRSA"));
        spool.addLogFile("AWSLogs/1/CloudTrail/r/b.json.gz", file("b", 50), 1);

        DeliverySpool reopened = DeliverySpool.open(dir.resolve("spool"), 1 << 20);

        assertThat(keys(reopened)).containsExactly("AWSLogs/1/CloudTrail/r/a.json.gz",
                "AWSLogs/1/CloudTrail-Digest/r/d.json.gz", "AWSLogs/1/CloudTrail/r/b.json.gz");
        assertThat(reopened.bytes()).isEqualTo(100 + 6 + 50);
        SpoolEntry first = reopened.oldest();
        assertThat(first.kind()).isEqualTo(SpoolEntry.Kind.LOG);
        assertThat(first.events()).isEqualTo(3);
        reopened.remove(first);
        SpoolEntry digest = reopened.oldest();
        assertThat(digest.metadata()).containsEntry("signature", "ab12").containsEntry("signature-algorithm", "SHA256withRSA");
        assertThat(Files.readString(digest.body())).isEqualTo("digest");
        assertThat(keys(DeliverySpool.open(dir.resolve("spool"), 1 << 20))).hasSize(2);
    }

    @Test
    void newEntriesAfterAReopenGoBehindTheOldOnes() throws Exception {
        DeliverySpool spool = DeliverySpool.open(dir.resolve("spool"), 1 << 20);
        spool.addLogFile("k1", file("1", 10), 1);
        spool.addLogFile("k2", file("2", 10), 1);
        spool.remove(spool.oldest());

        DeliverySpool reopened = DeliverySpool.open(dir.resolve("spool"), 1 << 20);
        reopened.addLogFile("k3", file("3", 10), 1);

        assertThat(keys(reopened)).containsExactly("k2", "k3");
    }

    @Test
    void whatACrashLeftHalfWrittenIsIgnoredAndCleanedUp() throws Exception {
        Path spoolDir = dir.resolve("spool");
        DeliverySpool spool = DeliverySpool.open(spoolDir, 1 << 20);
        spool.addLogFile("whole", file("w", 10), 1);
        Files.write(spoolDir.resolve("0000000000000000007.body"), new byte[5]); // moved in, never described
        Files.write(spoolDir.resolve("0000000000000000008.json.incoming"), new byte[3]); // torn descriptor
        Files.write(spoolDir.resolve("0000000000000000009.json"), "{\"kind\":\"LOG\",".getBytes(StandardCharsets.UTF_8));
        Files.write(spoolDir.resolve("0000000000000000009.body"), new byte[5]); // torn descriptor, whole body

        DeliverySpool reopened = DeliverySpool.open(spoolDir, 1 << 20);

        assertThat(keys(reopened)).containsExactly("whole");
        try (var files = Files.list(spoolDir)) {
            assertThat(files.map(p -> p.getFileName().toString()))
                    .containsExactlyInAnyOrder("0000000000000000000.body", "0000000000000000000.json");
        }
        reopened.addLogFile("next", file("n", 10), 1);
        assertThat(keys(reopened)).containsExactly("whole", "next"); // numbered past every leftover
    }

    @Test
    void aLogFileThatWouldPassTheBoundIsRefusedButDigestsAlwaysFit() throws Exception {
        DeliverySpool spool = DeliverySpool.open(dir.resolve("spool"), 1000);
        assertThat(spool.addLogFile("a", file("a", 600), 1)).isTrue();
        Path b = file("b", 600);

        assertThat(spool.addLogFile("b", b, 1)).isFalse();
        assertThat(b).exists(); // left to the caller
        spool.addObject(SpoolEntry.Kind.DIGEST, "d", new byte[500], Map.of());

        assertThat(keys(spool)).containsExactly("a", "d");
        assertThat(spool.bytes()).isEqualTo(1100); // over the bound: the digest went in regardless
        spool.remove(spool.oldest());
        spool.remove(spool.oldest());
        assertThat(spool.addLogFile("b", b, 1)).isTrue();
    }

    private Path file(String name, int size) throws Exception {
        Path f = dir.resolve(name + ".json.gz");
        Files.write(f, new byte[size]);
        return f;
    }

    private static List<String> keys(DeliverySpool spool) {
        List<String> keys = new ArrayList<>();
        for (SpoolEntry e : spool.entries()) {
            keys.add(e.key());
        }
        return keys;
    }
}
