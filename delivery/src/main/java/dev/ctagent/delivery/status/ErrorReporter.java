package dev.ctagent.delivery.status;

import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Tells the operator about trouble without flooding stderr: one {@code [ct-agent] ...} line per distinct
 * error (what was being done + exception type), however often it recurs. Delivery errors also become the
 * status's LatestDeliveryError.
 */
public final class ErrorReporter {
    private static final int REMEMBERED = 64;
    private final TrailStats stats;
    private final PrintStream err;
    private final Map<String, Boolean> reported = new LinkedHashMap<String, Boolean>(16, 0.75f, false) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > REMEMBERED;
        }
    };

    public ErrorReporter(TrailStats stats, PrintStream err) {
        this.stats = stats;
        this.err = err;
    }

    /** A failure writing or delivering log files, e.g. {@code deliveryError("delivering a log file", e)}. */
    public synchronized void deliveryError(String doing, Throwable t) {
        String message = doing + " failed: " + t;
        stats.recordDeliveryError(message);
        printOnce(doing + '|' + t.getClass().getName(), message);
    }

    /**
     * A failure delivering to a remote destination: printed once per kind of failure, while the status
     * shows the latest with its {@code detail} (which file, how many wait).
     */
    public synchronized void deliveryError(String doing, Throwable t, String detail) {
        stats.recordDeliveryError(doing + " failed: " + t + detail);
        printOnce(doing + '|' + t.getClass().getName(), doing + " failed: " + t);
    }

    public synchronized void digestError(String doing, Throwable t, String detail) {
        stats.recordDigestDeliveryError(doing + " failed: " + t + detail);
        printOnce(doing + '|' + t.getClass().getName(), doing + " failed: " + t);
    }

    /** A failure signing or delivering a digest; it becomes the status's LatestDigestDeliveryError. */
    public synchronized void digestError(String doing, Throwable t) {
        String message = doing + " failed: " + t;
        stats.recordDigestDeliveryError(message);
        printOnce(doing + '|' + t.getClass().getName(), message);
    }

    /** A failure notifying a target; it becomes the status's LatestNotificationError. */
    public synchronized void notificationError(String doing, Throwable t) {
        String message = doing + " failed: " + t;
        stats.recordNotificationError(message);
        printOnce(doing + '|' + t.getClass().getName(), message);
    }

    /** Any other failure on the writer thread. */
    public synchronized void error(String doing, Throwable t) {
        printOnce(doing + '|' + t.getClass().getName(), doing + " failed: " + t);
    }

    public synchronized void warning(String message) {
        printOnce(message, message);
    }

    private void printOnce(String kind, String message) {
        if (reported.put(kind, Boolean.TRUE) == null) {
            err.println("[ct-agent] " + message);
        }
    }
}
