package dev.ctagent.delivery.destination;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.ctagent.delivery.digest.DigestedLogFile;
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
import java.util.ArrayList;
import java.util.List;

/**
 * The list of delivered log files the digests are built from: one JSON line per delivery in
 * {@code <ct.dir>/.ct-agent/delivered-logs-<trail>.jsonl}, fields named as in a digest's {@code logFiles[]}
 * entry plus the delivery time:
 * <pre>{"s3Bucket":..,"s3Object":..,"hashValue":..,"hashAlgorithm":"SHA-256","oldestEventTime":..,
 * "newestEventTime":..,"deliveryTime":"2024-01-02T03:04:05Z","deliveryTimeMillis":1704164645123}</pre>
 *
 * <p>Crash safety: each line is written whole with one write under an exclusive file lock (another JVM may
 * share the directory). A crash can leave at most one torn last line without its newline; the next append
 * starts on a fresh line, so readers skip lines that do not parse. The digest chain reads entries from a
 * byte offset it keeps, and empties the file once every entry is in a delivered digest.
 */
public final class DeliveredLogLedger {
    /** One delivered log file read back, and the ledger offset just after its line. */
    public static final class Entry {
        public final DigestedLogFile file;
        public final long deliveryTimeMillis;
        public final long endOffset;

        Entry(DigestedLogFile file, long deliveryTimeMillis, long endOffset) {
            this.file = file;
            this.deliveryTimeMillis = deliveryTimeMillis;
            this.endOffset = endOffset;
        }
    }

    private static final JsonFactory JSON = new JsonFactory();

    private final Path file;
    private final String bucket;

    public DeliveredLogLedger(Path file, String bucket) {
        this.file = file;
        this.bucket = bucket;
    }

    /** The ledger's place for a trail in a given {@code ct.dir}. */
    public static Path defaultFile(Path ctDir, String trailName) {
        return ctDir.resolve(".ct-agent").resolve("delivered-logs-" + trailName + ".jsonl");
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

    /** The whole entries from byte {@code offset} on (0 when the file is shorter, e.g. after a crash). */
    public List<Entry> readFrom(long offset) throws IOException {
        List<Entry> entries = new ArrayList<>();
        if (!Files.exists(file)) {
            return entries;
        }
        byte[] all = Files.readAllBytes(file);
        int start = offset > all.length ? 0 : (int) offset;
        for (int i = start; i < all.length; i++) {
            if (all[i] == '\n') {
                Entry e = parse(all, start, i - start, i + 1L);
                if (e != null) {
                    entries.add(e);
                }
                start = i + 1;
            }
        }
        return entries; // a last line without its newline is torn or still being written: not yet
    }

    /** Empties the ledger: every entry is in a delivered digest. */
    public void clear() throws IOException {
        if (Files.exists(file)) {
            try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE); FileLock lock = ch.lock()) {
                ch.truncate(0);
            }
        }
    }

    private static Entry parse(byte[] bytes, int off, int len, long endOffset) {
        String bucket = null, key = null, hash = null, oldest = null, newest = null;
        long delivered = -1;
        try (JsonParser p = JSON.createParser(bytes, off, len)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.getCurrentName();
                p.nextToken();
                switch (field) {
                    case "s3Bucket": bucket = p.getValueAsString(); break;
                    case "s3Object": key = p.getValueAsString(); break;
                    case "hashValue": hash = p.getValueAsString(); break;
                    case "oldestEventTime": oldest = p.getValueAsString(); break;
                    case "newestEventTime": newest = p.getValueAsString(); break;
                    case "deliveryTimeMillis": delivered = p.getValueAsLong(-1); break;
                    default: p.skipChildren();
                }
            }
        } catch (IOException torn) {
            return null;
        }
        if (bucket == null || key == null || hash == null || oldest == null || newest == null || delivered < 0) {
            return null;
        }
        return new Entry(new DigestedLogFile(bucket, key, hash, oldest, newest), delivered, endOffset);
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
