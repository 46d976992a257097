package dev.ctagent.delivery.status;

import dev.ctagent.runtime.capture.CaptureRing;
import java.util.Date;
import javax.management.InstanceNotFoundException;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.MalformedObjectNameException;
import javax.management.ObjectName;

/**
 * The {@link TrailStatusMXBean} of one trail. Constructing it touches nothing; {@link #register} puts it in
 * an MBeanServer and must not be called from premain (JMX there can break application loggers and servers
 * that set up JMX themselves).
 */
public final class TrailStatus implements TrailStatusMXBean {
    private final ObjectName name;
    private final TrailStats stats;
    private final CaptureRing ring;
    private final LoggingControl control;

    public TrailStatus(String trailName, TrailStats stats, CaptureRing ring, LoggingControl control) {
        this.name = objectName(trailName);
        this.stats = stats;
        this.ring = ring;
        this.control = control;
    }

    /** {@code dev.ctagent:type=Trail,name=<trail name>}. */
    public static ObjectName objectName(String trailName) {
        try {
            return new ObjectName("dev.ctagent:type=Trail,name=" + quoteIfNeeded(trailName));
        } catch (MalformedObjectNameException e) {
            throw new IllegalArgumentException("trail name unusable in a JMX name: " + trailName, e);
        }
    }

    private static String quoteIfNeeded(String value) {
        for (char c : value.toCharArray()) {
            if (",=:\"*?\n".indexOf(c) >= 0) {
                return ObjectName.quote(value);
            }
        }
        return value;
    }

    public ObjectName objectName() {
        return name;
    }

    public void register(MBeanServer server) throws JMException {
        server.registerMBean(this, name);
    }

    /** Removes it again; a no-op when it is not registered. */
    public void unregister(MBeanServer server) throws JMException {
        try {
            server.unregisterMBean(name);
        } catch (InstanceNotFoundException notRegistered) {
            // nothing to do
        }
    }

    @Override public boolean getIsLogging() { return control.isLogging(); }
    @Override public Date getStartLoggingTime() { return stats.startLoggingTime(); }
    @Override public Date getStopLoggingTime() { return stats.stopLoggingTime(); }
    @Override public Date getLatestDeliveryTime() { return stats.latestDeliveryTime(); }
    @Override public String getLatestDeliveryError() { return stats.latestDeliveryError(); }
    @Override public Date getLatestDigestDeliveryTime() { return stats.latestDigestDeliveryTime(); }
    @Override public String getLatestDigestDeliveryError() { return stats.latestDigestDeliveryError(); }
    @Override public long getDeliveredDigestCount() { return stats.deliveredDigests(); }
    @Override public Date getLatestNotificationTime() { return stats.latestNotificationTime(); }
    @Override public String getLatestNotificationError() { return stats.latestNotificationError(); }
    @Override public long getNotificationCount() { return stats.notifications(); }
    @Override public int getSpoolFileCount() { return stats.spooledFiles(); }
    @Override public long getSpoolBytes() { return stats.spooledBytes(); }
    @Override public long getSpoolDroppedFileCount() { return stats.spoolDroppedFiles(); }
    @Override public long getSpoolDroppedEventCount() { return stats.spoolDroppedEvents(); }
    @Override public long getCapturedCount() { return ring.captured(); }
    @Override public long getDroppedCount() { return ring.drops().total(); }
    @Override public long getWrittenCount() { return stats.written(); }
    @Override public long getSkippedCount() { return stats.skipped(); }
    @Override public long getFailedCount() { return stats.failed(); }
    @Override public long getDeliveredFileCount() { return stats.deliveredFiles(); }
    @Override public void startLogging() { control.startLogging(); }
    @Override public void stopLogging() { control.stopLogging(); }
}
