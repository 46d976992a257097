package dev.ctagent.delivery.writer;

import dev.ctagent.delivery.logfile.OpenLogFile;
import dev.ctagent.delivery.status.ErrorReporter;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Decides when the current log file ends. A file is opened at its first record (an empty interval makes no
 * file), finished and delivered once it has been open for the delivery interval or before a record would
 * take it past the size limit, and flushed every flush interval so a crash loses at most that much.
 * Writer thread only.
 */
final class LogFileRoller {
    private final Path openDir;
    private final int gzipLevel;
    private final long maxFileBytes;
    private final long deliveryIntervalNanos;
    private final long flushIntervalNanos;
    private final LogFileDelivery delivery;
    private final ErrorReporter errors;
    private OpenLogFile current;
    private long lastFlushNanos;

    LogFileRoller(Path openDir, int gzipLevel, long maxFileBytes, Duration deliveryInterval,
            Duration flushInterval, LogFileDelivery delivery, ErrorReporter errors) {
        this.openDir = openDir;
        this.gzipLevel = gzipLevel;
        this.maxFileBytes = maxFileBytes;
        this.deliveryIntervalNanos = deliveryInterval.toNanos();
        this.flushIntervalNanos = flushInterval.toNanos();
        this.delivery = delivery;
        this.errors = errors;
    }

    /**
     * Appends one record. On IOException the record is not in the trail and the current file was abandoned
     * to the open folder (its flushed records are recovered later).
     */
    void append(byte[] record, int length, long eventTimeMillis, long nowNanos) throws IOException {
        if (current != null && current.records() > 0 && current.sizeWith(length) > maxFileBytes) {
            roll();
        }
        if (current == null) {
            current = OpenLogFile.create(openDir, gzipLevel, nowNanos);
            lastFlushNanos = nowNanos;
        }
        try {
            current.append(record, length, eventTimeMillis);
        } catch (IOException | RuntimeException e) {
            abandonCurrent();
            throw e;
        }
    }

    /** Rolls a file that is due, else flushes one that is due. */
    void tick(long nowNanos) {
        if (current == null) {
            return;
        }
        if (nowNanos - current.openedNanos() >= deliveryIntervalNanos) {
            roll();
        } else if (nowNanos - lastFlushNanos >= flushIntervalNanos) {
            lastFlushNanos = nowNanos;
            try {
                current.flush();
            } catch (IOException | RuntimeException e) {
                errors.deliveryError("flushing a log file", e);
                abandonCurrent();
            }
        }
    }

    /** Finishes and delivers the current file, if there is one; true unless that delivery failed. */
    boolean roll() {
        OpenLogFile file = current;
        current = null;
        return file == null || delivery.finishAndDeliver(file);
    }

    boolean hasOpenFile() {
        return current != null;
    }

    private void abandonCurrent() {
        OpenLogFile file = current;
        current = null;
        if (file != null) {
            try {
                file.flush(); // keep as much as the stream still lets us
            } catch (IOException | RuntimeException ignored) {
                // the stream is broken; recovery reads what reached the disk
            }
            file.abandon();
        }
    }
}
