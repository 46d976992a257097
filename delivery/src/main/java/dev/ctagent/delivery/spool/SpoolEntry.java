package dev.ctagent.delivery.spool;

import java.nio.file.Path;
import java.util.Collections;
import java.util.Map;

/** One object waiting in the spool: its body on disk and what the destination needs to store it. */
public final class SpoolEntry {
    /** What the object is; log files are announced to the notifiers once delivered. */
    public enum Kind { LOG, DIGEST, OBJECT }

    final long sequence;
    final Path body;
    final Path descriptor;
    private final Kind kind;
    private final String key;
    private final Map<String, String> metadata;
    private final long bytes;
    private final long events;

    SpoolEntry(long sequence, Path body, Path descriptor, Kind kind, String key, Map<String, String> metadata,
            long bytes, long events) {
        this.sequence = sequence;
        this.body = body;
        this.descriptor = descriptor;
        this.kind = kind;
        this.key = key;
        this.metadata = Collections.unmodifiableMap(metadata);
        this.bytes = bytes;
        this.events = events;
    }

    public Kind kind() { return kind; }
    /** The object key at the destination. */
    public String key() { return key; }
    /** S3 user metadata (a digest's signature); empty for none. */
    public Map<String, String> metadata() { return metadata; }
    /** The body's size on disk. */
    public long bytes() { return bytes; }
    /** For a log file, how many records it holds; 0 otherwise. */
    public long events() { return events; }
    /** The body on disk. */
    public Path body() { return body; }

    @Override
    public String toString() {
        return kind + " " + key + " (" + bytes + " bytes, #" + sequence + ")";
    }
}
