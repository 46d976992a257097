package dev.ctagent.delivery.writer;

import dev.ctagent.delivery.destination.DeliveredLogLedger;
import dev.ctagent.delivery.destination.Destination;
import dev.ctagent.delivery.logfile.FinishedLogFile;
import dev.ctagent.delivery.logfile.LogFileKey;
import dev.ctagent.delivery.logfile.OpenLogFile;
import dev.ctagent.delivery.status.TrailStats;
import java.io.IOException;
import java.time.Instant;

/**
 * The last steps of every log file: finish it, name it for this moment, hand it to the destination, note
 * it in the ledger for the digest. A failure never loses the file: it stays in the open folder (finished
 * or as a partial) and the next recovery pass delivers its records.
 */
final class LogFileDelivery {
    private final LogFileKey keys;
    private final Destination destination;
    private final DeliveredLogLedger ledger;
    private final TrailStats stats;
    private final ErrorReporter errors;

    LogFileDelivery(LogFileKey keys, Destination destination, DeliveredLogLedger ledger, TrailStats stats,
            ErrorReporter errors) {
        this.keys = keys;
        this.destination = destination;
        this.ledger = ledger;
        this.stats = stats;
        this.errors = errors;
    }

    /** True when the file reached the destination. */
    boolean finishAndDeliver(OpenLogFile file) {
        Instant now = Instant.now();
        FinishedLogFile finished;
        try {
            finished = file.finish(keys.forDelivery(now), now);
        } catch (IOException | RuntimeException e) {
            file.abandon();
            errors.deliveryError("finishing a log file", e);
            return false;
        }
        try {
            destination.deliver(finished);
        } catch (IOException | RuntimeException e) {
            errors.deliveryError("delivering a log file", e);
            return false;
        } finally {
            file.release(); // delivered, or left complete and unlocked for the next recovery pass
        }
        stats.recordDelivery(now.toEpochMilli());
        try {
            ledger.append(finished);
        } catch (IOException | RuntimeException e) {
            // delivered all the same; only the digest will miss it
            errors.deliveryError("recording a delivered log file in " + ledger.file(), e);
        }
        return true;
    }
}
