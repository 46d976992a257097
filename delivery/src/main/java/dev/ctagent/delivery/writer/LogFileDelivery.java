package dev.ctagent.delivery.writer;

import dev.ctagent.delivery.destination.DeliveredLogLedger;
import dev.ctagent.delivery.destination.Destination;
import dev.ctagent.delivery.logfile.FinishedLogFile;
import dev.ctagent.delivery.logfile.LogFileKey;
import dev.ctagent.delivery.logfile.OpenLogFile;
import dev.ctagent.delivery.status.ErrorReporter;
import dev.ctagent.delivery.status.TrailStats;
import dev.ctagent.delivery.spool.SpoolFullException;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Instant;
import java.util.function.Consumer;

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
    private final Consumer<String> announce;

    /**
     * @param announce told the key of each log file the destination confirmed on return (a local directory);
     *                 a spool announces its files itself once they reach the remote destination
     */
    LogFileDelivery(LogFileKey keys, Destination destination, DeliveredLogLedger ledger, TrailStats stats,
            ErrorReporter errors, Consumer<String> announce) {
        this.keys = keys;
        this.destination = destination;
        this.ledger = ledger;
        this.stats = stats;
        this.errors = errors;
        this.announce = announce;
    }

    /** True when the file reached the destination (or a full spool dropped it: nothing is left to retry). */
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
        } catch (SpoolFullException full) {
            // the bound the operator set: these records are dropped, counted, and never enter the chain
            stats.recordSpoolDrop(full.events());
            errors.deliveryError("spooling a log file", full);
            try {
                Files.deleteIfExists(finished.localPath());
            } catch (IOException e) {
                errors.error("removing the dropped log file " + finished.localPath(), e);
            }
            return true;
        } catch (IOException | RuntimeException e) {
            errors.deliveryError("delivering a log file", e);
            return false;
        } finally {
            file.release(); // delivered, or left complete and unlocked for the next recovery pass
        }
        if (!destination.deliversLater()) {
            stats.recordDelivery(now.toEpochMilli());
            announce.accept(finished.key());
        }
        try {
            ledger.append(finished);
        } catch (IOException | RuntimeException e) {
            // delivered all the same; only the digest will miss it
            errors.deliveryError("recording a delivered log file in " + ledger.file(), e);
        }
        return true;
    }
}
