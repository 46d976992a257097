package dev.ctagent.delivery.status;

import java.util.Date;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What the writer thread has done so far, readable from any thread. Counters are only ever incremented by
 * the writer thread; the logging times by the control calls.
 */
public final class TrailStats {
    private final AtomicLong written = new AtomicLong();
    private final AtomicLong skipped = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong deliveredFiles = new AtomicLong();
    private volatile long latestDeliveryMillis;
    private volatile String latestDeliveryError;
    private final AtomicLong deliveredDigests = new AtomicLong();
    private volatile long latestDigestDeliveryMillis;
    private volatile String latestDigestDeliveryError;
    private final AtomicLong notifications = new AtomicLong();
    private volatile long latestNotificationMillis;
    private volatile String latestNotificationError;
    private volatile int spooledFiles;
    private volatile long spooledBytes;
    private final AtomicLong spoolDroppedFiles = new AtomicLong();
    private final AtomicLong spoolDroppedEvents = new AtomicLong();
    private volatile long startLoggingMillis;
    private volatile long stopLoggingMillis;

    public void recordWritten() { written.incrementAndGet(); }
    public void recordSkipped() { skipped.incrementAndGet(); }
    public void recordFailed() { failed.incrementAndGet(); }

    /** A log file reached the destination; the error of an earlier attempt no longer holds. */
    public void recordDelivery(long atMillis) {
        latestDeliveryMillis = atMillis;
        deliveredFiles.incrementAndGet();
        latestDeliveryError = null;
    }

    public void recordDeliveryError(String error) { latestDeliveryError = error; }

    public void recordDigestDelivery(long atMillis) {
        latestDigestDeliveryMillis = atMillis;
        deliveredDigests.incrementAndGet();
    }

    public void recordDigestDeliveryError(String error) { latestDigestDeliveryError = error; }
    /** A notification was accepted by every target it was due for; a previous error is cleared. */
    public void recordNotification(long atMillis) {
        latestNotificationMillis = atMillis;
        notifications.incrementAndGet();
        latestNotificationError = null;
    }

    public void recordNotificationError(String error) { latestNotificationError = error; }

    /** What the delivery spool holds now. */
    public void recordSpool(int files, long bytes) {
        spooledFiles = files;
        spooledBytes = bytes;
    }

    /** A log file the full spool could not take: its records are lost, and counted here. */
    public void recordSpoolDrop(long events) {
        spoolDroppedFiles.incrementAndGet();
        spoolDroppedEvents.addAndGet(events);
    }

    public void recordStartLogging(long atMillis) { startLoggingMillis = atMillis; }
    public void recordStopLogging(long atMillis) { stopLoggingMillis = atMillis; }

    public long written() { return written.get(); }
    public long skipped() { return skipped.get(); }
    public long failed() { return failed.get(); }
    public long deliveredFiles() { return deliveredFiles.get(); }
    /** Null until the first error; cleared by the next successful delivery. */
    public String latestDeliveryError() { return latestDeliveryError; }
    public Date latestDeliveryTime() { return date(latestDeliveryMillis); }
    public long deliveredDigests() { return deliveredDigests.get(); }
    public Date latestDigestDeliveryTime() { return date(latestDigestDeliveryMillis); }
    /** Null until the first error signing or delivering a digest. */
    public String latestDigestDeliveryError() { return latestDigestDeliveryError; }
    public long notifications() { return notifications.get(); }
    public Date latestNotificationTime() { return date(latestNotificationMillis); }
    /** Null when the latest attempt to notify succeeded (or none failed). */
    public String latestNotificationError() { return latestNotificationError; }
    public int spooledFiles() { return spooledFiles; }
    public long spooledBytes() { return spooledBytes; }
    public long spoolDroppedFiles() { return spoolDroppedFiles.get(); }
    public long spoolDroppedEvents() { return spoolDroppedEvents.get(); }
    public Date startLoggingTime() { return date(startLoggingMillis); }
    public Date stopLoggingTime() { return date(stopLoggingMillis); }

    private static Date date(long millis) {
        return millis == 0 ? null : new Date(millis);
    }
}
