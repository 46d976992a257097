package dev.ctagent.runtime.config;

import java.nio.file.Path;
import java.time.Duration;

/**
 * The local spool that holds finished files until a remote destination confirms them
 * ({@code ct.spool.*}), and the retry pacing shared by deliveries and notifications ({@code ct.retry.*}).
 */
public final class SpoolSettings {
    private final Path dir;
    private final long maxBytes;
    private final Duration initialBackoff;
    private final Duration maxBackoff;

    SpoolSettings(Path dir, long maxBytes, Duration initialBackoff, Duration maxBackoff) {
        this.dir = dir;
        this.maxBytes = maxBytes;
        this.initialBackoff = initialBackoff;
        this.maxBackoff = maxBackoff;
    }

    /** {@code ct.spool.dir}, default {@code <ct.dir>/.ct-agent/spool}. */
    public Path dir() { return dir; }
    /** {@code ct.spool.maxBytes}: log files beyond this are not spooled (counted, see the README). */
    public long maxBytes() { return maxBytes; }
    /** {@code ct.retry.initialBackoff}: the wait after a first failure; doubles up to the maximum. */
    public Duration initialBackoff() { return initialBackoff; }
    /** {@code ct.retry.maxBackoff}: the longest wait between two attempts. */
    public Duration maxBackoff() { return maxBackoff; }
}
