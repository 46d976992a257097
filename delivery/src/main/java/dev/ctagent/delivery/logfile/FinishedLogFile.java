package dev.ctagent.delivery.logfile;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Objects;

/**
 * A complete log file (one gzip member, {@code {"Records":[...]}}) waiting on local disk to be delivered
 * under {@link #key()}. Carries what the digest chain will need: the SHA-256 of the uncompressed bytes and
 * the span of event times.
 */
public final class FinishedLogFile {
    private final String key;
    private final Path localPath;
    private final String sha256Hex;
    private final Instant oldestEventTime;
    private final Instant newestEventTime;
    private final Instant deliveryTime;
    private final long recordCount;
    private final long uncompressedBytes;
    private final long compressedBytes;

    public FinishedLogFile(String key, Path localPath, String sha256Hex, Instant oldestEventTime,
            Instant newestEventTime, Instant deliveryTime, long recordCount, long uncompressedBytes,
            long compressedBytes) {
        this.key = Objects.requireNonNull(key, "key");
        this.localPath = Objects.requireNonNull(localPath, "localPath");
        this.sha256Hex = Objects.requireNonNull(sha256Hex, "sha256Hex");
        this.oldestEventTime = Objects.requireNonNull(oldestEventTime, "oldestEventTime");
        this.newestEventTime = Objects.requireNonNull(newestEventTime, "newestEventTime");
        this.deliveryTime = Objects.requireNonNull(deliveryTime, "deliveryTime");
        this.recordCount = recordCount;
        this.uncompressedBytes = uncompressedBytes;
        this.compressedBytes = compressedBytes;
    }

    /** The object key, e.g. {@code AWSLogs/123456789012/CloudTrail/us-east-1/2024/...json.gz}. */
    public String key() { return key; }
    /** Where the finished file is now, before delivery moves or uploads it. */
    public Path localPath() { return localPath; }
    /** Lower-case hex SHA-256 of the uncompressed bytes (a digest's {@code hashValue}). */
    public String sha256Hex() { return sha256Hex; }
    public Instant oldestEventTime() { return oldestEventTime; }
    public Instant newestEventTime() { return newestEventTime; }
    /** When the file was finished; the key's date folders and stamp say the same (to the minute). */
    public Instant deliveryTime() { return deliveryTime; }
    public long recordCount() { return recordCount; }
    public long uncompressedBytes() { return uncompressedBytes; }
    public long compressedBytes() { return compressedBytes; }

    @Override
    public String toString() {
        return "FinishedLogFile[" + key + ", " + recordCount + " records, " + compressedBytes + " bytes]";
    }
}
