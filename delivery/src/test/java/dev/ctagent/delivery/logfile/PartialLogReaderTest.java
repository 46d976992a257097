package dev.ctagent.delivery.logfile;

import static dev.ctagent.delivery.logfile.LogFiles.record;
import static dev.ctagent.delivery.logfile.LogFiles.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PartialLogReaderTest {
    private static final long FALLBACK = 42_000;

    @TempDir
    Path dir;

    @Test
    void readsEveryFlushedRecordOfAnAbandonedFileWithTheDelayAddendum() throws Exception {
        List<String> ids = new ArrayList<>();
        OpenLogFile open = OpenLogFile.create(dir, 6, System.nanoTime());
        for (int i = 0; i < 5; i++) {
            String id = UUID.randomUUID().toString();
            ids.add(id);
            byte[] r = utf8(record(id, "2024-01-01T00:00:0" + i + "Z"));
            open.append(r, r.length, 0);
        }
        open.flush();
        open.abandon();

        List<String> read = readAll(Files.readAllBytes(open.path()));

        assertThat(read).hasSize(5);
        for (int i = 0; i < 5; i++) {
            JsonNode rec = LogFiles.JSON.readTree(read.get(i));
            assertThat(rec.get("eventID").asText()).isEqualTo(ids.get(i));
            assertThat(LogFiles.fieldNames(rec)).containsExactly("eventVersion", "eventTime", "eventSource",
                    "eventName", "eventCategory", "addendum", "eventID", "readOnly", "requestParameters");
            assertThat(rec.get("addendum").toString()).isEqualTo("{\"reason\":\"DELIVERY_DELAY\"}");
        }
        assertThat(read.get(0)).contains("\"n\":1.10").contains("\"readOnly\":true");
    }

    @Test
    void eventTimeIsReadFromTheRecordElseTheFallback() throws Exception {
        byte[] gz = gzip("{\"Records\":[{\"eventTime\":\"2024-02-03T04:05:06Z\"},{\"eventTime\":\"yesterday\"},{}]}");
        List<Long> times = new ArrayList<>();
        try (PartialLogReader r = PartialLogReader.open(new ByteArrayInputStream(gz), FALLBACK)) {
            while (r.next()) {
                times.add(r.eventTimeMillis());
            }
        }
        assertThat(times).containsExactly(Instant.parse("2024-02-03T04:05:06Z").toEpochMilli(), FALLBACK, FALLBACK);
    }

    @Test
    void aFileCutAnywhereYieldsExactlyItsCompleteRecords() throws Exception {
        // Flush after every record and remember where each record became fully readable.
        OpenLogFile open = OpenLogFile.create(dir, 6, System.nanoTime());
        List<Long> completeAt = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            String id = UUID.randomUUID().toString();
            ids.add(id);
            byte[] r = utf8(record(id, "2024-01-01T00:00:00Z"));
            open.append(r, r.length, 0);
            open.flush();
            completeAt.add(Files.size(open.path()));
        }
        FinishedLogFile done = open.finish("k", Instant.EPOCH);
        byte[] whole = Files.readAllBytes(done.localPath());

        for (int cut = 0; cut <= whole.length; cut++) {
            List<String> read = readAll(Arrays.copyOf(whole, cut));
            int atLeast = 0;
            for (long size : completeAt) {
                if (cut >= size) {
                    atLeast++;
                }
            }
            assertThat(read.size()).as("records in the first %d bytes", cut).isBetween(atLeast, 6);
            for (int i = 0; i < read.size(); i++) {
                assertThat(LogFiles.JSON.readTree(read.get(i)).get("eventID").asText()).isEqualTo(ids.get(i));
            }
        }
        assertThat(readAll(whole)).hasSize(6);
    }

    @Test
    void nothingToSalvageFromJunk() throws Exception {
        assertThat(readAll(new byte[0])).isEmpty();
        assertThat(readAll(new byte[] {0x1F, (byte) 0x8B, 8})).isEmpty();
        assertThat(readAll("not gzip at all".getBytes(StandardCharsets.US_ASCII))).isEmpty();
        assertThat(readAll(gzip("{\"Records\":["))).isEmpty();
        assertThat(readAll(gzip("{\"Other\":[{\"eventID\":\"x\"}]}"))).isEmpty();
        assertThat(readAll(gzip("{\"Records\":[{\"a\":1},2,{\"b\":2}]}"))).hasSize(1);
    }

    @Test
    void aRecordWithAnAddendumIsKeptAsItIs() throws Exception {
        String own = "{\"eventID\":\"e\",\"eventCategory\":\"Management\",\"x\":1,\"addendum\":{\"reason\":\"UPDATED_DATA\"}}";
        assertThat(readAll(gzip("{\"Records\":[" + own + "]}"))).containsExactly(own);
    }

    @Test
    void closingTheReaderLeavesTheSourceOpen() throws Exception {
        boolean[] closed = {false};
        ByteArrayInputStream source = new ByteArrayInputStream(gzip("{\"Records\":[{}]}")) {
            @Override
            public void close() {
                closed[0] = true;
            }
        };
        try (PartialLogReader r = PartialLogReader.open(source, 0)) {
            assertThat(r.next()).isTrue();
        }
        assertThat(closed[0]).isFalse();
    }

    private static List<String> readAll(byte[] gz) throws IOException {
        List<String> out = new ArrayList<>();
        try (PartialLogReader r = PartialLogReader.open(new ByteArrayInputStream(gz), FALLBACK)) {
            while (r.next()) {
                out.add(new String(r.record(), 0, r.length(), StandardCharsets.UTF_8));
            }
        }
        return out;
    }

    private static byte[] gzip(String s) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(s.getBytes(StandardCharsets.UTF_8));
        }
        return out.toByteArray();
    }
}
