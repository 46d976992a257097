package dev.ctagent.delivery.logfile;

import static dev.ctagent.delivery.logfile.LogFiles.record;
import static dev.ctagent.delivery.logfile.LogFiles.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.UUID;
import java.util.zip.Inflater;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OpenLogFileTest {
    @TempDir
    Path dir;

    @Test
    void finishedFileIsOneGzipMemberOfRecordsWithItsSha256() throws Exception {
        String r1 = record(UUID.randomUUID().toString(), "2024-01-01T00:00:02Z");
        String r2 = record(UUID.randomUUID().toString(), "2024-01-01T00:00:01Z");
        OpenLogFile open = OpenLogFile.create(dir, 6, System.nanoTime());
        open.append(utf8(r1), utf8(r1).length, 2_000);
        open.append(utf8(r2), utf8(r2).length, 1_000);
        Instant delivered = Instant.parse("2024-01-01T00:05:00Z");

        FinishedLogFile done = open.finish("AWSLogs/x.json.gz", delivered);

        byte[] content = LogFiles.inflateSingleMember(done.localPath());
        String expected = "{\"Records\":[" + r1 + "," + r2 + "]}";
        assertThat(new String(content, StandardCharsets.UTF_8)).isEqualTo(expected);
        assertThat(done.sha256Hex()).isEqualTo(LogFiles.sha256Hex(content)).matches("[0-9a-f]{64}");
        assertThat(done.recordCount()).isEqualTo(2);
        assertThat(done.uncompressedBytes()).isEqualTo(content.length);
        assertThat(done.compressedBytes()).isEqualTo(Files.size(done.localPath()));
        assertThat(done.oldestEventTime()).isEqualTo(Instant.ofEpochMilli(1_000));
        assertThat(done.newestEventTime()).isEqualTo(Instant.ofEpochMilli(2_000));
        assertThat(done.deliveryTime()).isEqualTo(delivered);
        assertThat(done.key()).isEqualTo("AWSLogs/x.json.gz");
        assertThat(LogFiles.records(done.localPath())).hasSize(2);
    }

    @Test
    void theConfiguredGzipLevelIsUsed() throws Exception {
        assertThat(compressedSize(1)).isGreaterThan(compressedSize(9));
    }

    private long compressedSize(int level) throws Exception {
        OpenLogFile open = OpenLogFile.create(dir, level, System.nanoTime());
        for (int i = 0; i < 500; i++) {
            byte[] r = utf8(record("00000000-0000-4000-8000-" + String.format("%012d", i), "2024-01-01T00:00:00Z"));
            open.append(r, r.length, 0);
        }
        return open.finish("k", Instant.EPOCH).compressedBytes();
    }

    @Test
    void sizeWithCountsSeparatorAndTrailer() throws Exception {
        OpenLogFile open = OpenLogFile.create(dir, 1, System.nanoTime());
        assertThat(open.sizeWith(10)).isEqualTo("{\"Records\":[".length() + 10 + 2);
        open.append(utf8("{}"), 2, 0);
        assertThat(open.sizeWith(10)).isEqualTo("{\"Records\":[{}".length() + 1 + 10 + 2);
        assertThat(open.finish("k", Instant.EPOCH).uncompressedBytes()).isEqualTo("{\"Records\":[{}]}".length());
    }

    @Test
    void flushMakesEverythingWrittenReadableFromThePartialFile() throws Exception {
        String r1 = record(UUID.randomUUID().toString(), "2024-01-01T00:00:00Z");
        OpenLogFile open = OpenLogFile.create(dir, 9, System.nanoTime());
        open.append(utf8(r1), utf8(r1).length, 0);
        open.append(utf8(r1), utf8(r1).length, 0);

        open.flush();

        assertThat(inflateWhatIsThere(open.path())).isEqualTo("{\"Records\":[" + r1 + "," + r1);
        open.abandon();
    }

    @Test
    void partialFileStaysLockedUntilReleasedAfterDelivery() throws Exception {
        OpenLogFile open = OpenLogFile.create(OpenLogFile.openDir(dir), 6, System.nanoTime());
        open.append(utf8("{}"), 2, 0);

        assertThat(open.path().getFileName().toString()).endsWith(OpenLogFile.PARTIAL_SUFFIX);
        assertThat(OpenLogFile.isOpenInThisJvm(open.path())).isTrue();
        assertThat(LockProbe.lockableFromAnotherProcess(open.path(), dir)).isFalse();

        FinishedLogFile done = open.finish("k", Instant.EPOCH);
        // Finished but not yet delivered: still locked, so no other process's recovery can take it.
        assertThat(LockProbe.lockableFromAnotherProcess(done.localPath(), dir)).isFalse();

        open.release();

        assertThat(OpenLogFile.isOpenInThisJvm(done.localPath())).isFalse();
        assertThat(LockProbe.lockableFromAnotherProcess(done.localPath(), dir)).isTrue();
    }

    @Test
    void abandonLeavesTheFlushedDataAndReleasesTheLock() throws Exception {
        OpenLogFile open = OpenLogFile.create(dir, 6, System.nanoTime());
        open.append(utf8("{\"a\":1}"), 7, 0);
        open.flush();

        open.abandon();

        assertThat(OpenLogFile.isOpenInThisJvm(open.path())).isFalse();
        assertThat(LockProbe.lockableFromAnotherProcess(open.path(), dir)).isTrue();
        assertThat(inflateWhatIsThere(open.path())).isEqualTo("{\"Records\":[{\"a\":1}");
        assertThatThrownBy(() -> open.append(utf8("{}"), 2, 0)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aFileWithoutRecordsCannotBeFinished() throws Exception {
        OpenLogFile open = OpenLogFile.create(dir, 6, System.nanoTime());
        assertThatThrownBy(() -> open.finish("k", Instant.EPOCH)).isInstanceOf(IllegalStateException.class);
        open.abandon();
    }

    /** Inflates a member that has no end yet, as far as the bytes on disk go. */
    static String inflateWhatIsThere(Path partial) throws Exception {
        byte[] gz = Files.readAllBytes(partial);
        Inflater inflater = new Inflater(true);
        inflater.setInput(gz, 10, gz.length - 10);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[4096];
        int n;
        while ((n = inflater.inflate(buf)) > 0) {
            out.write(buf, 0, n);
        }
        assertThat(inflater.finished()).as("member must still be open").isFalse();
        inflater.end();
        return new String(out.toByteArray(), StandardCharsets.UTF_8);
    }
}
