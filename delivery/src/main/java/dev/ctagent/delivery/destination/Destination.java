package dev.ctagent.delivery.destination;

import dev.ctagent.delivery.logfile.FinishedLogFile;
import java.io.Closeable;
import java.io.IOException;
import java.util.Map;

/**
 * Where finished log files go (a local directory laid out like a bucket, later S3). Called by the writer
 * thread only, one file at a time.
 *
 * <p>Contract (shared by every implementation's tests): when {@code deliver} returns, the file is fully
 * visible under {@link FinishedLogFile#key()} and its local copy may be gone; a reader never sees a partial
 * object under the key. When it throws, nothing is visible under the key and
 * {@link FinishedLogFile#localPath()} still holds the file, so it can be delivered again later.
 */
public interface Destination extends Closeable {
    void deliver(FinishedLogFile file) throws IOException;

    /**
     * Stores a small object (a digest, a public key) under {@code key} with S3-style user metadata
     * ({@code signature}, {@code signature-algorithm}; empty for none). Same visibility contract: all or
     * nothing, the metadata visible no later than the object; an existing object is replaced.
     */
    void put(String key, byte[] body, Map<String, String> metadata) throws IOException;

    /** Where objects go, for status and error messages: {@code s3://bucket} or a directory. */
    String location();

    /** Releases connections; called once when the trail stops. */
    @Override
    default void close() throws IOException {}
}
