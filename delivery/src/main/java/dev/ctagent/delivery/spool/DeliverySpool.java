package dev.ctagent.delivery.spool;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Finished files waiting for a remote destination, in the order they were finished, on disk so they
 * survive a restart. Entry {@code n} is a body {@code <n>.body} plus a descriptor {@code <n>.json} (key,
 * kind, metadata); the descriptor is written last, by an atomic rename, so an entry exists whole or not at
 * all (a body without a descriptor is a crash's leftover and is removed on open).
 *
 * <p>Order matters: a digest lists log files delivered before it, and names the digest before it, so
 * delivering strictly in spool order keeps the chain verifiable at every moment.
 *
 * <p>Bounded by {@code maxBytes} for log files: a log file that does not fit is refused (the caller drops
 * it and counts its events). Digests and public keys are always accepted: they are small, and dropping one
 * would break the chain that proves the rest.
 *
 * <p>Thread-safe: the writer thread adds, the delivery thread takes and removes.
 */
public final class DeliverySpool {
    private static final JsonFactory JSON = new JsonFactory();
    private static final String BODY = ".body";
    private static final String DESCRIPTOR = ".json";

    private final Path dir;
    private final long maxBytes;
    private final Deque<SpoolEntry> entries = new ArrayDeque<>();
    private long nextSequence;
    private long bytes;

    private DeliverySpool(Path dir, long maxBytes) {
        this.dir = dir;
        this.maxBytes = maxBytes;
    }

    /** Opens (or creates) the spool in {@code dir}, reading what a previous process left, oldest first. */
    public static DeliverySpool open(Path dir, long maxBytes) throws IOException {
        Files.createDirectories(dir);
        DeliverySpool spool = new DeliverySpool(dir, maxBytes);
        spool.load();
        return spool;
    }

    public Path dir() {
        return dir;
    }

    /**
     * Moves a finished log file into the spool. Returns false, leaving the file where it is, when it does not
     * fit under {@code maxBytes}.
     */
    public boolean addLogFile(String key, Path file, long events) throws IOException {
        long size = Files.size(file);
        long sequence;
        synchronized (this) {
            if (bytes + size > maxBytes) {
                return false;
            }
            sequence = nextSequence++;
            bytes += size; // reserved now, so two adds cannot both pass the check
        }
        try {
            Path body = bodyPath(sequence);
            move(file, body);
            return add(sequence, body, SpoolEntry.Kind.LOG, key, Collections.emptyMap(), size, events);
        } catch (IOException | RuntimeException e) {
            synchronized (this) {
                bytes -= size;
            }
            throw e;
        }
    }

    /** Stores a small object (a digest, a public key, a certificate) for delivery after what is already here. */
    public void addObject(SpoolEntry.Kind kind, String key, byte[] content, Map<String, String> metadata)
            throws IOException {
        long sequence;
        synchronized (this) {
            sequence = nextSequence++;
            bytes += content.length;
        }
        try {
            Path body = bodyPath(sequence);
            Path incoming = dir.resolve(name(sequence) + BODY + ".incoming");
            Files.write(incoming, content);
            move(incoming, body);
            add(sequence, body, kind, key, metadata, content.length, 0);
        } catch (IOException | RuntimeException e) {
            synchronized (this) {
                bytes -= content.length;
            }
            throw e;
        }
    }

    /** The oldest entry, or null when the spool is empty. */
    public synchronized SpoolEntry oldest() {
        return entries.peekFirst();
    }

    /** Forgets a delivered entry: its files go. */
    public void remove(SpoolEntry entry) throws IOException {
        synchronized (this) {
            if (entries.remove(entry)) {
                bytes -= entry.bytes();
            }
        }
        Files.deleteIfExists(entry.descriptor); // first: without it, a leftover body is removed on open
        Files.deleteIfExists(entry.body);
    }

    /** What waits, oldest first (a copy). */
    public synchronized List<SpoolEntry> entries() {
        return new ArrayList<>(entries);
    }

    public synchronized int size() {
        return entries.size();
    }

    public synchronized long bytes() {
        return bytes;
    }

    public long maxBytes() {
        return maxBytes;
    }

    private boolean add(long sequence, Path body, SpoolEntry.Kind kind, String key, Map<String, String> metadata,
            long size, long events) throws IOException {
        Path descriptor = dir.resolve(name(sequence) + DESCRIPTOR);
        Path incoming = dir.resolve(name(sequence) + DESCRIPTOR + ".incoming");
        Files.write(incoming, describe(kind, key, metadata, events));
        move(incoming, descriptor);
        SpoolEntry entry = new SpoolEntry(sequence, body, descriptor, kind, key, metadata, size, events);
        synchronized (this) {
            // sequences are handed out in order but files may be written out of order by two threads
            List<SpoolEntry> later = new ArrayList<>();
            while (!entries.isEmpty() && entries.peekLast().sequence > sequence) {
                later.add(0, entries.pollLast());
            }
            entries.addLast(entry);
            entries.addAll(later);
        }
        return true;
    }

    private void load() throws IOException {
        List<Long> sequences = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
            for (Path f : files) {
                String n = f.getFileName().toString();
                if (n.endsWith(".incoming")) {
                    Files.deleteIfExists(f); // torn by a crash: its entry never existed
                } else if (n.endsWith(DESCRIPTOR)) {
                    Long s = sequence(n.substring(0, n.length() - DESCRIPTOR.length()));
                    if (s != null) {
                        sequences.add(s);
                    }
                }
            }
        }
        Collections.sort(sequences);
        long max = -1;
        for (long s : sequences) {
            max = Math.max(max, s);
            Path descriptor = dir.resolve(name(s) + DESCRIPTOR);
            Path body = bodyPath(s);
            SpoolEntry e = Files.exists(body) ? read(s, body, descriptor) : null;
            if (e == null) {
                Files.deleteIfExists(descriptor); // unreadable, or its body was delivered and removed
                continue;
            }
            entries.addLast(e);
            bytes += e.bytes();
        }
        // bodies without a descriptor: a crash between moving the body in and describing it
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*" + BODY)) {
            for (Path f : files) {
                String n = f.getFileName().toString();
                Long s = sequence(n.substring(0, n.length() - BODY.length()));
                if (s != null && !Files.exists(dir.resolve(name(s) + DESCRIPTOR))) {
                    max = Math.max(max, s);
                    Files.delete(f);
                }
            }
        }
        nextSequence = max + 1;
    }

    private SpoolEntry read(long sequence, Path body, Path descriptor) throws IOException {
        String kind = null, key = null;
        long events = 0;
        Map<String, String> metadata = new LinkedHashMap<>();
        try (JsonParser p = JSON.createParser(Files.readAllBytes(descriptor))) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.getCurrentName();
                JsonToken t = p.nextToken();
                switch (field) {
                    case "kind": kind = p.getValueAsString(); break;
                    case "key": key = p.getValueAsString(); break;
                    case "events": events = p.getValueAsLong(0); break;
                    case "metadata":
                        if (t == JsonToken.START_OBJECT) {
                            while (p.nextToken() == JsonToken.FIELD_NAME) {
                                String name = p.getCurrentName();
                                p.nextToken();
                                metadata.put(name, p.getValueAsString());
                            }
                        } else {
                            p.skipChildren();
                        }
                        break;
                    default: p.skipChildren();
                }
            }
        } catch (IOException torn) {
            return null;
        }
        if (kind == null || key == null) {
            return null;
        }
        SpoolEntry.Kind k;
        try {
            k = SpoolEntry.Kind.valueOf(kind);
        } catch (IllegalArgumentException unknown) {
            return null;
        }
        return new SpoolEntry(sequence, body, descriptor, k, key, metadata, Files.size(body), events);
    }

    private static byte[] describe(SpoolEntry.Kind kind, String key, Map<String, String> metadata, long events)
            throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("kind", kind.name());
            g.writeStringField("key", key);
            g.writeNumberField("events", events);
            g.writeObjectFieldStart("metadata");
            for (Map.Entry<String, String> m : metadata.entrySet()) {
                g.writeStringField(m.getKey(), m.getValue());
            }
            g.writeEndObject();
            g.writeEndObject();
        }
        return out.toByteArray();
    }

    private Path bodyPath(long sequence) {
        return dir.resolve(name(sequence) + BODY);
    }

    /** Zero-padded so a directory listing sorts like the sequence. */
    private static String name(long sequence) {
        return String.format("%019d", sequence);
    }

    private static Long sequence(String name) {
        if (name.length() != 19) {
            return null;
        }
        try {
            return Long.parseLong(name);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException otherFileSystem) {
            Files.copy(from, to, StandardCopyOption.REPLACE_EXISTING);
            Files.delete(from);
        }
    }
}
