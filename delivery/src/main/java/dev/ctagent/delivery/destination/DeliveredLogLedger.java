package dev.ctagent.delivery.destination;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.ctagent.delivery.logfile.FinishedLogFile;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * The list of delivered log files the hourly digest will be built from: one JSON line per delivery in
 * {@code <ct.dir>/.ct-agent/delivered-logs.jsonl}, fields named as in a digest's {@code logFiles[]} entry
 * plus the delivery time:
 * <pre>{"s3Bucket":..,"s3Object":..,"hashValue":..,"hashAlgorithm":"SHA-256","oldestEventTime":..,
 * "newestEventTime":..,"deliveryTime":"2024-01-02T03:04:05Z","deliveryTimeMillis":1704164645123}</pre>
 *
 * <p>Crash safety: each line is written whole with one write under an exclusive file lock (another JVM may
 * share the directory). A crash can leave at most one torn last line without its newline; the next append
 * starts on a fresh line, so readers should skip lines that do not parse.
 */
public final class DeliveredLogLedger {
    public static final String FILE_NAME = "delivered-logs.jsonl";
    private static final JsonFactory JSON = new JsonFactory();

    private final Path file;
    private final String bucket;

    public DeliveredLogLedger(Path file, String bucket) {
        this.file = file;
        this.bucket = bucket;
    }

    /** The ledger's place for a given {@code ct.dir}. */
    public static Path defaultFile(Path ctDir) {
        return ctDir.resolve(".ct-agent").resolve(FILE_NAME);
    }

    public Path file() {
        return file;
    }

    public void append(FinishedLogFile delivered) throws IOException {
        byte[] line = line(delivered);
        Files.createDirectories(file.getParent());
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE);
                FileLock lock = ch.lock()) {
            long end = ch.size();
            ByteBuffer out = ByteBuffer.allocate(line.length + 1);
            if (end > 0 && !endsWithNewline(ch, end)) {
                out.put((byte) '\n'); // close a line torn by a crash
            }
            out.put(line).flip();
            while (out.hasRemaining()) {
                end += ch.write(out, end);
            }
            lock.release();
        }
    }

    private static boolean endsWithNewline(FileChannel ch, long size) throws IOException {
        ByteBuffer last = ByteBuffer.allocate(1);
        return ch.read(last, size - 1) == 1 && last.get(0) == '\n';
    }

    private byte[] line(FinishedLogFile f) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(512);
        try (JsonGenerator g = JSON.createGenerator(bytes)) {
            g.writeStartObject();
            g.writeStringField("s3Bucket", bucket);
            g.writeStringField("s3Object", f.key());
            g.writeStringField("hashValue", f.sha256Hex());
            g.writeStringField("hashAlgorithm", "SHA-256");
            g.writeStringField("oldestEventTime", cloudTrailTime(f.oldestEventTime()));
            g.writeStringField("newestEventTime", cloudTrailTime(f.newestEventTime()));
            g.writeStringField("deliveryTime", cloudTrailTime(f.deliveryTime()));
            g.writeNumberField("deliveryTimeMillis", f.deliveryTime().toEpochMilli());
            g.writeEndObject();
        }
        bytes.write('\n');
        return bytes.toByteArray();
    }

    /** CloudTrail's {@code yyyy-MM-ddTHH:mm:ssZ}: UTC, whole seconds. */
    static String cloudTrailTime(Instant t) {
        return t.truncatedTo(ChronoUnit.SECONDS).toString();
    }
}
