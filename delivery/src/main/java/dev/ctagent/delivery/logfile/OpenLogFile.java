package dev.ctagent.delivery.logfile;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.zip.GZIPOutputStream;

/**
 * The log file being written: a partial file under {@code <ct.dir>/.ct-agent/open/} holding one gzip member
 * of <code>{"Records":[r1,r2,...]}</code>, locked exclusively while open so recovery (in this or another process)
 * can tell it is live. {@link #flush()} pushes everything written so far to the OS, so a kill -9 loses
 * nothing flushed; {@link #finish} completes the member and releases the file for delivery.
 *
 * <p>Not thread-safe: the writer thread owns it.
 */
public final class OpenLogFile {
    public static final String PARTIAL_SUFFIX = ".json.gz.partial";
    static final int DEFLATE_BUFFER_BYTES = 64 * 1024;
    static final int PENDING_BYTES = 32 * 1024;

    private static final byte[] HEADER = "{\"Records\":[".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] COMMA = {','};
    private static final byte[] TRAILER = "]}".getBytes(StandardCharsets.US_ASCII);
    private static final Random NAMES = new SecureRandom();
    /**
     * Partial files open in this JVM. Recovery skips them without opening them: on POSIX, closing any
     * descriptor of a file drops every lock this process holds on it, so even a probe would unlock them.
     */
    private static final Set<Path> OPEN_HERE = ConcurrentHashMap.newKeySet();

    private final Path path;
    private final FileOutputStream file;
    private final LevelledGzipOutputStream gzip;
    private final MessageDigest sha256;
    private final OutputStream out;
    /**
     * Records gather here and reach the digest and the deflater in large blocks: one SHA-256 update and one
     * native deflate call per ~32 KB instead of two of each per record (a record and its comma), which at a
     * few hundred bytes a record was a large part of the writer's CPU.
     */
    private final byte[] pending = new byte[PENDING_BYTES];
    private int pendingLength;
    private final long openedNanos;
    private long records;
    private long uncompressedBytes;
    private long oldestMillis = Long.MAX_VALUE;
    private long newestMillis = Long.MIN_VALUE;
    private boolean unflushed;
    private boolean closed;
    private boolean released;

    private OpenLogFile(Path path, FileOutputStream file, int gzipLevel, long openedNanos) throws IOException {
        this.path = path;
        this.file = file;
        this.openedNanos = openedNanos;
        this.sha256 = newSha256();
        this.gzip = new LevelledGzipOutputStream(file, gzipLevel);
        this.out = new DigestOutputStream(gzip, sha256);
        write(HEADER, HEADER.length);
        uncompressedBytes = HEADER.length;
        unflushed = true;
    }

    /** Where partial files live for a given {@code ct.dir}. */
    public static Path openDir(Path ctDir) {
        return ctDir.resolve(".ct-agent").resolve("open");
    }

    /** Creates and locks a new partial file in {@code openDir}; {@code nowNanos} starts its interval. */
    public static OpenLogFile create(Path openDir, int gzipLevel, long nowNanos) throws IOException {
        Files.createDirectories(openDir);
        for (int attempt = 0; ; attempt++) {
            Path p = openDir.resolve("log-" + LogFileKey.randomAlphanumeric(NAMES, LogFileKey.UNIQUE_LENGTH)
                    + PARTIAL_SUFFIX);
            OPEN_HERE.add(p);
            OpenLogFile created = null;
            try {
                created = tryCreate(p, gzipLevel, nowNanos);
                if (created != null) {
                    return created;
                }
            } finally {
                if (created == null) {
                    OPEN_HERE.remove(p);
                }
            }
            if (attempt == 3) {
                throw new IOException("could not create and lock a partial log file in " + openDir);
            }
        }
    }

    private static OpenLogFile tryCreate(Path p, int gzipLevel, long nowNanos) throws IOException {
        Files.createFile(p);
        FileOutputStream file = new FileOutputStream(p.toFile());
        try {
            FileLock lock = file.getChannel().tryLock();
            // Between createFile and tryLock another process's recovery may have taken the empty file
            // for an orphan and deleted it: then start over under a new name.
            if (lock == null || !Files.exists(p)) {
                file.close();
                return null;
            }
            return new OpenLogFile(p, file, gzipLevel, nowNanos);
        } catch (IOException | RuntimeException e) {
            file.close();
            Files.deleteIfExists(p);
            throw e;
        }
    }

    /** Whether {@code partial} is being written by an {@link OpenLogFile} of this JVM. */
    public static boolean isOpenInThisJvm(Path partial) {
        return OPEN_HERE.contains(partial);
    }

    /** Appends one record (a complete JSON object). On IOException the file must be {@link #abandon}ed. */
    public void append(byte[] record, int length, long eventTimeMillis) throws IOException {
        checkOpen();
        if (records > 0) {
            write(COMMA, 1);
            uncompressedBytes++;
        }
        write(record, length);
        uncompressedBytes += length;
        records++;
        oldestMillis = Math.min(oldestMillis, eventTimeMillis);
        newestMillis = Math.max(newestMillis, eventTimeMillis);
        unflushed = true;
    }

    /** Uncompressed size of the finished file if a record of {@code recordLength} bytes were appended now. */
    public long sizeWith(int recordLength) {
        return uncompressedBytes + (records > 0 ? 1 : 0) + recordLength + TRAILER.length;
    }

    /** Sync-flushes the deflater: everything appended so far becomes readable from the partial file. */
    public void flush() throws IOException {
        checkOpen();
        if (unflushed) {
            drain();
            out.flush();
            unflushed = false;
        }
    }

    /**
     * Closes the array and the gzip member and describes the result. The file stays where it is, still
     * locked: a {@code Destination} moves it under {@code key}, then {@link #release} lets go of it. Holding
     * the lock until then means no other process's recovery can ever take a finished file for an orphan.
     */
    public FinishedLogFile finish(String key, Instant deliveryTime) throws IOException {
        checkOpen();
        if (records == 0) {
            throw new IllegalStateException("a log file needs at least one record");
        }
        write(TRAILER, TRAILER.length);
        drain();
        uncompressedBytes += TRAILER.length;
        closed = true;
        gzip.endMember();
        return new FinishedLogFile(key, path, hex(sha256.digest()), Instant.ofEpochMilli(oldestMillis),
                Instant.ofEpochMilli(newestMillis), deliveryTime, records, uncompressedBytes, Files.size(path));
    }

    /**
     * Releases a finished file's lock: after delivery moved it away, or, when delivery failed, to leave it
     * (complete, under its partial name) for the next recovery pass.
     */
    public void release() {
        if (released) {
            return;
        }
        released = true;
        try {
            gzip.closeFile();
        } catch (IOException ignored) {
            // closing is all that is left to do; the lock goes with the process in any case
        } finally {
            OPEN_HERE.remove(path);
        }
    }

    /**
     * Closes the file without finishing it, as a crashed process would leave it: whatever was flushed stays
     * readable, the rest is lost, the lock is released. Recovery turns it into a proper log file later.
     */
    public void abandon() {
        if (released) {
            return;
        }
        released = true;
        closed = true;
        try {
            gzip.abandon();
        } catch (IOException ignored) {
            // the file is closed as far as it can be; recovery reads what made it to disk
        } finally {
            OPEN_HERE.remove(path);
        }
    }

    public Path path() { return path; }
    public long records() { return records; }
    /** Uncompressed bytes written so far, header included. */
    public long uncompressedBytes() { return uncompressedBytes; }
    /** The {@code System.nanoTime()} the file was opened at: its delivery interval runs from there. */
    public long openedNanos() { return openedNanos; }

    private void write(byte[] bytes, int length) throws IOException {
        if (length > pending.length - pendingLength) {
            drain();
            if (length >= pending.length) {
                out.write(bytes, 0, length);
                return;
            }
        }
        System.arraycopy(bytes, 0, pending, pendingLength, length);
        pendingLength += length;
    }

    /** Into the digest and the deflater with whatever has gathered. */
    private void drain() throws IOException {
        if (pendingLength > 0) {
            out.write(pending, 0, pendingLength);
            pendingLength = 0;
        }
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("log file already closed: " + path);
        }
    }

    private static MessageDigest newSha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    static String hex(byte[] bytes) {
        char[] out = new char[bytes.length * 2];
        for (int i = 0; i < bytes.length; i++) {
            out[2 * i] = Character.forDigit((bytes[i] >> 4) & 0xF, 16);
            out[2 * i + 1] = Character.forDigit(bytes[i] & 0xF, 16);
        }
        return new String(out);
    }

    /** GZIPOutputStream with a chosen level, a 64 KB buffer and sync flush. */
    private static final class LevelledGzipOutputStream extends GZIPOutputStream {
        LevelledGzipOutputStream(OutputStream file, int level) throws IOException {
            super(file, DEFLATE_BUFFER_BYTES, true);
            def.setLevel(level);
        }

        /** Completes the gzip member (trailer written and in the OS) but keeps the file open and locked. */
        void endMember() throws IOException {
            finish();
            def.end();
            out.flush();
        }

        void closeFile() throws IOException {
            out.close();
        }

        void abandon() throws IOException {
            def.end();
            out.close();
        }
    }
}
