package dev.ctagent.delivery.destination;

import dev.ctagent.delivery.logfile.FinishedLogFile;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/**
 * Where finished log files go (a local directory laid out like a bucket, later S3). Called by the writer
 * thread only, one file at a time.
 *
 * <p>Contract (shared by every implementation's tests): when {@code deliver} returns, the file is fully
 * visible under {@code key} and its local copy may be gone; a reader never sees a partial object under the
 * key. When it throws, nothing new is visible under the key and {@code file} still holds the file, so it can
 * be delivered again later.
 */
public interface Destination extends Closeable {
    void deliver(String key, Path file) throws IOException;

    /** A finished log file; a spool also keeps its record count, everyone else needs only key and file. */
    default void deliver(FinishedLogFile file) throws IOException {
        deliver(file.key(), file.localPath());
    }

    /**
     * Stores a small object (a digest, a public key) under {@code key} with S3-style user metadata
     * ({@code signature}, {@code signature-algorithm}; empty for none). Same visibility contract: all or
     * nothing, the metadata visible no later than the object; an existing object is replaced.
     */
    void put(String key, byte[] body, Map<String, String> metadata) throws IOException;

    /**
     * True when a return from {@code deliver}/{@code put} only means "accepted for delivery" (a spool);
     * the delivery itself, and its status, are then reported by whoever completes it.
     */
    default boolean deliversLater() {
        return false;
    }

    /** Where objects go, for status and error messages: {@code s3://bucket} or a directory. */
    String location();

    /** Releases connections; called once when the trail stops. */
    @Override
    default void close() throws IOException {}
}
