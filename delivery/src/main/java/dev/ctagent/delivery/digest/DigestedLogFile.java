package dev.ctagent.delivery.digest;

import java.util.Objects;

/** One {@code logFiles[]} entry of a digest: where a delivered log file is and the hash of its JSON. */
public final class DigestedLogFile {
    private final String bucket;
    private final String key;
    private final String sha256Hex;
    private final String oldestEventTime;
    private final String newestEventTime;

    /**
     * @param sha256Hex lower-case hex SHA-256 of the uncompressed log file
     * @param oldestEventTime CloudTrail time text ({@code yyyy-MM-ddTHH:mm:ssZ})
     */
    public DigestedLogFile(String bucket, String key, String sha256Hex, String oldestEventTime,
            String newestEventTime) {
        this.bucket = Objects.requireNonNull(bucket, "bucket");
        this.key = Objects.requireNonNull(key, "key");
        this.sha256Hex = Objects.requireNonNull(sha256Hex, "sha256Hex");
        this.oldestEventTime = Objects.requireNonNull(oldestEventTime, "oldestEventTime");
        this.newestEventTime = Objects.requireNonNull(newestEventTime, "newestEventTime");
    }

    public String bucket() { return bucket; }
    public String key() { return key; }
    public String sha256Hex() { return sha256Hex; }
    public String oldestEventTime() { return oldestEventTime; }
    public String newestEventTime() { return newestEventTime; }

    @Override
    public String toString() {
        return bucket + "/" + key;
    }
}
