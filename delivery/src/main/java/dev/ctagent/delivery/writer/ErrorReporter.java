package dev.ctagent.delivery.writer;

import dev.ctagent.delivery.status.TrailStats;
import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Tells the operator about trouble without flooding stderr: one {@code [ct-agent] ...} line per distinct
 * error (what was being done + exception type), however often it recurs. Delivery errors also become the
 * status's LatestDeliveryError.
 */
final class ErrorReporter {
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

    ErrorReporter(TrailStats stats, PrintStream err) {
        this.stats = stats;
        this.err = err;
    }

    /** A failure writing or delivering log files, e.g. {@code deliveryError("delivering a log file", e)}. */
    synchronized void deliveryError(String doing, Throwable t) {
        String message = doing + " failed: " + t;
        stats.recordDeliveryError(message);
        printOnce(doing + '|' + t.getClass().getName(), message);
    }

    /** A failure signing or delivering a digest; it becomes the status's LatestDigestDeliveryError. */
    synchronized void digestError(String doing, Throwable t) {
        String message = doing + " failed: " + t;
        stats.recordDigestDeliveryError(message);
        printOnce(doing + '|' + t.getClass().getName(), message);
    }

    /** Any other failure on the writer thread. */
    synchronized void error(String doing, Throwable t) {
        printOnce(doing + '|' + t.getClass().getName(), doing + " failed: " + t);
    }

    synchronized void warning(String message) {
        printOnce(message, message);
    }

    private void printOnce(String kind, String message) {
        if (reported.put(kind, Boolean.TRUE) == null) {
            err.println("[ct-agent] " + message);
        }
    }
}
