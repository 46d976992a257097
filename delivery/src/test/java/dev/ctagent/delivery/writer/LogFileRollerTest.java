package dev.ctagent.delivery.writer;

import dev.ctagent.delivery.status.ErrorReporter;
import static dev.ctagent.delivery.writer.TestTrails.await;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ctagent.delivery.destination.DeliveredLogLedger;
import dev.ctagent.delivery.destination.LocalDirectoryDestination;
import dev.ctagent.delivery.logfile.LogFileKey;
import dev.ctagent.delivery.logfile.LogFiles;
import dev.ctagent.delivery.logfile.OpenLogFile;
import dev.ctagent.delivery.logfile.PartialLogReader;
import dev.ctagent.delivery.status.TrailStats;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogFileRollerTest {
    private static final Duration LONG = Duration.ofHours(1);

    @TempDir
    Path ctDir;

    private final TrailStats stats = new TrailStats();

    private LogFileRoller roller(long maxBytes, Duration delivery, Duration flush) {
        ErrorReporter errors = new ErrorReporter(stats, new PrintStream(new ByteArrayOutputStream()));
        LogFileDelivery d = new LogFileDelivery(new LogFileKey("", "123456789012", "us-east-1", new Random(1)),
                new LocalDirectoryDestination(ctDir, "b"), new DeliveredLogLedger(DeliveredLogLedger.defaultFile(ctDir, "default"), "b"),
                stats, errors, key -> { });
        return new LogFileRoller(OpenLogFile.openDir(ctDir), 6, maxBytes, delivery, flush, d, errors);
    }

    @Test
    void anIntervalWithoutRecordsMakesNoFile() throws Exception {
        LogFileRoller roller = roller(1 << 20, Duration.ofMillis(1), Duration.ofMillis(1));
        for (int i = 0; i < 50; i++) {
            roller.tick(System.nanoTime());
            Thread.sleep(1);
        }
        assertThat(roller.roll()).isTrue();

        assertThat(roller.hasOpenFile()).isFalse();
        assertThat(LogFiles.partialFiles(ctDir)).isEmpty();
        assertThat(LogFiles.deliveredFiles(ctDir.resolve("b"))).isEmpty();
        assertThat(stats.deliveredFiles()).isZero();
    }

    @Test
    void rollsBeforeARecordWouldPassTheSizeLimit() throws Exception {
        LogFileRoller roller = roller(1_000, LONG, LONG);
        for (int i = 0; i < 50; i++) {
            append(roller, i);
        }
        roller.roll();

        List<Path> files = LogFiles.deliveredFiles(ctDir.resolve("b"));
        assertThat(files).hasSizeGreaterThan(5);
        for (Path f : files) {
            assertThat(LogFiles.inflateSingleMember(f).length).isLessThanOrEqualTo(1_000);
        }
        assertThat(requestIds(LogFiles.deliveredRecords(ctDir.resolve("b"))))
                .containsExactlyInAnyOrderElementsOf(expectedIds(50));
        assertThat(Files.readAllLines(DeliveredLogLedger.defaultFile(ctDir, "default"))).hasSize(files.size());
        assertThat(stats.deliveredFiles()).isEqualTo(files.size());
    }

    @Test
    void aRecordLargerThanTheLimitGetsAFileOfItsOwn() throws Exception {
        LogFileRoller roller = roller(100, LONG, LONG);
        append(roller, 1);
        append(roller, 2);
        roller.roll();

        assertThat(LogFiles.deliveredFiles(ctDir.resolve("b"))).hasSize(2);
    }

    @Test
    void rollsWhenTheDeliveryIntervalIsOver() throws Exception {
        LogFileRoller roller = roller(1 << 20, Duration.ofMillis(200), LONG);
        append(roller, 7);

        await("the interval's file to be delivered", () -> {
            roller.tick(System.nanoTime());
            return !roller.hasOpenFile();
        });

        List<JsonNode> records = LogFiles.deliveredRecords(ctDir.resolve("b"));
        assertThat(requestIds(records)).containsExactly("/r7");
        assertThat(LogFiles.partialFiles(ctDir)).isEmpty();
    }

    @Test
    void flushesTheOpenFileWhenTheFlushIntervalIsOver() throws Exception {
        LogFileRoller roller = roller(1 << 20, LONG, Duration.ofMillis(200));
        append(roller, 3);
        Path partial = LogFiles.partialFiles(ctDir).get(0);

        await("the record to be readable from the partial file", () -> {
            roller.tick(System.nanoTime());
            return readableRecords(partial) == 1;
        });
        assertThat(roller.hasOpenFile()).isTrue();
        roller.roll();
    }

    static void append(LogFileRoller roller, int i) throws Exception {
        byte[] r = LogFiles.utf8("{\"eventVersion\":\"1.11\",\"eventID\":\"00000000-0000-4000-8000-" + String.format("%012d", i)
                + "\",\"eventTime\":\"2024-01-01T00:00:00Z\",\"requestID\":\"/r" + i + "\",\"pad\":\"" + "x".repeat(60) + "\"}");
        roller.append(r, r.length, 1_704_067_200_000L, System.nanoTime());
    }

    static List<String> requestIds(List<JsonNode> records) {
        return records.stream().map(r -> r.get("requestID").asText()).collect(Collectors.toList());
    }

    private static List<String> expectedIds(int n) {
        return IntStream.range(0, n).mapToObj(i -> "/r" + i).collect(Collectors.toList());
    }

    private static int readableRecords(Path partial) {
        try (InputStream in = Files.newInputStream(partial); PartialLogReader r = PartialLogReader.open(in, 0)) {
            int n = 0;
            while (r.next()) {
                n++;
            }
            return n;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
