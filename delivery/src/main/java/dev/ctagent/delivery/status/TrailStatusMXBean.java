package dev.ctagent.delivery.status;

import java.util.Date;

/**
 * The trail's status over JMX, modelled on CloudTrail's GetTrailStatus plus the agent's own counters.
 * Registered as {@code dev.ctagent:type=Trail,name=<trail name>}. Times are null when the thing never
 * happened.
 */
public interface TrailStatusMXBean {
    boolean getIsLogging();

    Date getStartLoggingTime();

    Date getStopLoggingTime();

    Date getLatestDeliveryTime();

    /** The latest error writing or delivering a log file, or null if there was none. */
    String getLatestDeliveryError();

    Date getLatestDigestDeliveryTime();

    /** The latest error signing or delivering a digest file, or null if there was none. */
    String getLatestDigestDeliveryError();

    long getDeliveredDigestCount();

    /** When the latest notification (SNS or webhook) was accepted. */
    Date getLatestNotificationTime();

    /** The latest error notifying, or null when the latest attempt succeeded. */
    String getLatestNotificationError();

    long getNotificationCount();

    /** Files waiting in the delivery spool for a remote destination (0 for a local directory). */
    int getSpoolFileCount();

    long getSpoolBytes();

    /** Log files the full spool ({@code ct.spool.maxBytes}) could not take, and the records they held. */
    long getSpoolDroppedFileCount();

    long getSpoolDroppedEventCount();

    /** Calls accepted into the capture ring. */
    long getCapturedCount();

    /** Calls lost because the ring was full (each also stated in an EventsDropped record). */
    long getDroppedCount();

    /** Records of captured calls written to log files. */
    long getWrittenCount();

    /** Ring slots that held nothing to write. */
    long getSkippedCount();

    /** Captured calls that could not be serialized or written. */
    long getFailedCount();

    long getDeliveredFileCount();

    void startLogging();

    void stopLogging();
}
