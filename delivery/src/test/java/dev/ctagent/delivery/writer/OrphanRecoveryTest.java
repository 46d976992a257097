package dev.ctagent.delivery.writer;

import dev.ctagent.delivery.status.ErrorReporter;
import static dev.ctagent.delivery.logfile.LogFiles.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;

import com.amazonaws.services.cloudtrail.processinglibrary.model.CloudTrailEvent;
import com.amazonaws.services.cloudtrail.processinglibrary.model.CloudTrailLog;
import com.amazonaws.services.cloudtrail.processinglibrary.serializer.DefaultEventSerializer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ctagent.delivery.destination.DeliveredLogLedger;
import dev.ctagent.delivery.destination.Destination;
import dev.ctagent.delivery.destination.LocalDirectoryDestination;
import dev.ctagent.delivery.logfile.FinishedLogFile;
import dev.ctagent.delivery.logfile.LogFileKey;
import dev.ctagent.delivery.logfile.LogFiles;
import dev.ctagent.delivery.logfile.OpenLogFile;
import dev.ctagent.delivery.status.TrailStats;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OrphanRecoveryTest {
    @TempDir
    Path ctDir;

    private final TrailStats stats = new TrailStats();
    private final ByteArrayOutputStream stderr = new ByteArrayOutputStream();
    private final ErrorReporter errors = new ErrorReporter(stats, new PrintStream(stderr, true));

    @Test
    void aKilledWritersFlushedRecordsAreDeliveredWithTheDelayAddendum() throws Exception {
        List<String> ids = new ArrayList<>();
        OpenLogFile crashed = OpenLogFile.create(openDir(), 6, System.nanoTime());
        for (int i = 0; i < 4; i++) {
            ids.add(append(crashed));
        }
        crashed.flush();
        crashed.abandon(); // kill -9: the lock goes with the process, the unflushed rest is lost

        assertThat(recovery(new LocalDirectoryDestination(ctDir, "b"), Duration.ZERO).recoverAll()).isTrue();

        List<Path> delivered = LogFiles.deliveredFiles(ctDir.resolve("b"));
        assertThat(delivered).hasSize(1);
        assertThat(LogFileKey.CPL_LOG_FILE.matcher(delivered.get(0).toString()).matches()).isTrue();
        List<JsonNode> records = LogFiles.records(delivered.get(0));
        assertThat(records).extracting(r -> r.get("eventID").asText()).containsExactlyElementsOf(ids);
        for (JsonNode r : records) {
            assertThat(LogFiles.fieldNames(r)).containsExactly("eventVersion", "eventTime", "eventSource", "eventName",
                    "eventCategory", "addendum", "eventID", "readOnly", "requestParameters");
            assertThat(r.get("addendum").get("reason").asText()).isEqualTo("DELIVERY_DELAY");
        }
        assertThat(LogFiles.partialFiles(ctDir)).isEmpty();
        assertThat(Files.readAllLines(DeliveredLogLedger.defaultFile(ctDir, "default"))).hasSize(1);
        assertThat(stats.deliveredFiles()).isEqualTo(1);
    }

    @Test
    void theProcessingLibraryReadsARecoveredFile() throws Exception {
        List<String> ids = new ArrayList<>();
        OpenLogFile crashed = OpenLogFile.create(openDir(), 6, System.nanoTime());
        ids.add(append(crashed));
        ids.add(append(crashed));
        crashed.flush();
        crashed.abandon();
        recovery(new LocalDirectoryDestination(ctDir, "b"), Duration.ZERO).recoverAll();
        Path file = LogFiles.deliveredFiles(ctDir.resolve("b")).get(0);

        List<String> read = new ArrayList<>();
        try (InputStream in = new GZIPInputStream(Files.newInputStream(file));
                DefaultEventSerializer cpl = new DefaultEventSerializer(
                        new CloudTrailLog("b", ctDir.resolve("b").relativize(file).toString()),
                        new ObjectMapper().getFactory().createParser(in))) {
            while (cpl.hasNextEvent()) {
                CloudTrailEvent event = cpl.getNextEvent();
                read.add(event.getEventData().getEventId().toString());
                assertThat(event.getEventData().getEventTime()).isEqualTo(Date.from(Instant.parse("2024-05-06T07:08:09Z")));
            }
        }
        assertThat(read).containsExactlyElementsOf(ids);
    }

    @Test
    void aPartialCutInTheMiddleOfARecordStillYieldsEveryCompleteRecord() throws Exception {
        List<String> ids = new ArrayList<>();
        OpenLogFile crashed = OpenLogFile.create(openDir(), 6, System.nanoTime());
        long[] sizeAfter = new long[5];
        for (int i = 0; i < 5; i++) {
            ids.add(append(crashed));
            crashed.flush();
            sizeAfter[i] = Files.size(crashed.path());
        }
        crashed.abandon();
        // Cut half-way into what the 5th record added: records 1-4 are whole, the 5th is not.
        byte[] bytes = Files.readAllBytes(crashed.path());
        Files.write(crashed.path(), Arrays.copyOf(bytes, (int) (sizeAfter[3] + (sizeAfter[4] - sizeAfter[3]) / 2)));

        recovery(new LocalDirectoryDestination(ctDir, "b"), Duration.ZERO).recoverAll();

        assertThat(LogFiles.deliveredRecords(ctDir.resolve("b"))).extracting(r -> r.get("eventID").asText())
                .containsExactlyElementsOf(ids.subList(0, 4));
        assertThat(LogFiles.partialFiles(ctDir)).isEmpty();
    }

    @Test
    void anOrphanWithoutACompleteRecordIsJustDeleted() throws Exception {
        OpenLogFile crashed = OpenLogFile.create(openDir(), 6, System.nanoTime());
        append(crashed);
        crashed.abandon(); // never flushed: only the gzip header reached the disk

        assertThat(recovery(new LocalDirectoryDestination(ctDir, "b"), Duration.ZERO).recoverAll()).isTrue();

        assertThat(LogFiles.partialFiles(ctDir)).isEmpty();
        assertThat(LogFiles.deliveredFiles(ctDir.resolve("b"))).isEmpty();
        assertThat(stats.deliveredFiles()).isZero();
    }

    @Test
    void aFinishedFileWhoseDeliveryFailedIsDeliveredByTheNextPass() throws Exception {
        OpenLogFile open = OpenLogFile.create(openDir(), 6, System.nanoTime());
        String id = append(open);
        FinishedLogFile finished = open.finish("never/delivered.json.gz", Instant.now());
        open.release(); // what delivery does after a failed attempt

        recovery(new LocalDirectoryDestination(ctDir, "b"), Duration.ZERO).recoverAll();

        assertThat(finished.localPath()).doesNotExist();
        List<JsonNode> records = LogFiles.deliveredRecords(ctDir.resolve("b"));
        assertThat(records).extracting(r -> r.get("eventID").asText()).containsExactly(id);
        assertThat(records.get(0).get("addendum").get("reason").asText()).isEqualTo("DELIVERY_DELAY");
    }

    @Test
    void whenDeliveryFailsTheOrphanStaysAndNoCopyIsLeft() throws Exception {
        OpenLogFile crashed = OpenLogFile.create(openDir(), 6, System.nanoTime());
        String id = append(crashed);
        crashed.flush();
        crashed.abandon();
        Destination broken = mock(Destination.class);
        doThrow(new IOException("bucket unreachable")).when(broken).deliver(any(FinishedLogFile.class));

        assertThat(recovery(broken, Duration.ZERO).recoverAll()).isFalse();
        assertThat(recovery(broken, Duration.ZERO).recoverAll()).isFalse();

        assertThat(LogFiles.partialFiles(ctDir)).containsExactly(crashed.path());
        assertThat(stats.latestDeliveryError()).contains("bucket unreachable");
        assertThat(stderr.toString(StandardCharsets.UTF_8.name()).lines().collect(Collectors.toList()))
                .containsExactly("[ct-agent] delivering a log file failed: java.io.IOException: bucket unreachable");

        assertThat(recovery(new LocalDirectoryDestination(ctDir, "b"), Duration.ZERO).recoverAll()).isTrue();
        assertThat(LogFiles.deliveredRecords(ctDir.resolve("b"))).extracting(r -> r.get("eventID").asText())
                .containsExactly(id);
        assertThat(LogFiles.partialFiles(ctDir)).isEmpty();
    }

    @Test
    void filesOfLiveWritersAndFreshFilesAreLeftAlone() throws Exception {
        OpenLogFile live = OpenLogFile.create(openDir(), 6, System.nanoTime());
        append(live);
        live.flush();
        OpenLogFile fresh = OpenLogFile.create(openDir(), 6, System.nanoTime());
        append(fresh);
        fresh.flush();
        fresh.abandon();

        assertThat(recovery(new LocalDirectoryDestination(ctDir, "b"), Duration.ofHours(1)).recoverAll()).isTrue();
        assertThat(recovery(new LocalDirectoryDestination(ctDir, "b"), Duration.ZERO).recoverAll()).isTrue();

        // the fresh one was only taken once old enough; the live one never
        assertThat(LogFiles.partialFiles(ctDir)).containsExactly(live.path());
        assertThat(LogFiles.deliveredFiles(ctDir.resolve("b"))).hasSize(1);
        live.abandon();
    }

    private OrphanRecovery recovery(Destination destination, Duration minAge) {
        LogFileDelivery delivery = new LogFileDelivery(new LogFileKey("", "123456789012", "us-east-1", new Random()),
                destination, new DeliveredLogLedger(DeliveredLogLedger.defaultFile(ctDir, "default"), "b"), stats, errors,
                key -> { });
        return new OrphanRecovery(openDir(), 6, minAge, delivery, errors);
    }

    private Path openDir() {
        return OpenLogFile.openDir(ctDir);
    }

    private static String append(OpenLogFile file) throws IOException {
        String id = UUID.randomUUID().toString();
        byte[] r = utf8(LogFiles.record(id, "2024-05-06T07:08:09Z"));
        file.append(r, r.length, Instant.parse("2024-05-06T07:08:09Z").toEpochMilli());
        return id;
    }
}
