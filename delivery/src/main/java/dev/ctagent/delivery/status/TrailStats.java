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
    private volatile long startLoggingMillis;
    private volatile long stopLoggingMillis;

    public void recordWritten() { written.incrementAndGet(); }
    public void recordSkipped() { skipped.incrementAndGet(); }
    public void recordFailed() { failed.incrementAndGet(); }

    public void recordDelivery(long atMillis) {
        latestDeliveryMillis = atMillis;
        deliveredFiles.incrementAndGet();
    }

    public void recordDeliveryError(String error) { latestDeliveryError = error; }

    public void recordDigestDelivery(long atMillis) {
        latestDigestDeliveryMillis = atMillis;
        deliveredDigests.incrementAndGet();
    }

    public void recordDigestDeliveryError(String error) { latestDigestDeliveryError = error; }
    public void recordStartLogging(long atMillis) { startLoggingMillis = atMillis; }
    public void recordStopLogging(long atMillis) { stopLoggingMillis = atMillis; }

    public long written() { return written.get(); }
    public long skipped() { return skipped.get(); }
    public long failed() { return failed.get(); }
    public long deliveredFiles() { return deliveredFiles.get(); }
    /** Null until the first error; an error stays the latest until another one replaces it. */
    public String latestDeliveryError() { return latestDeliveryError; }
    public Date latestDeliveryTime() { return date(latestDeliveryMillis); }
    public long deliveredDigests() { return deliveredDigests.get(); }
    public Date latestDigestDeliveryTime() { return date(latestDigestDeliveryMillis); }
    /** Null until the first error signing or delivering a digest. */
    public String latestDigestDeliveryError() { return latestDigestDeliveryError; }
    public Date startLoggingTime() { return date(startLoggingMillis); }
    public Date stopLoggingTime() { return date(stopLoggingMillis); }

    private static Date date(long millis) {
        return millis == 0 ? null : new Date(millis);
    }
}
