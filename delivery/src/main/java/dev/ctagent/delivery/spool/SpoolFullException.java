package dev.ctagent.delivery.spool;

import dev.ctagent.delivery.logfile.FinishedLogFile;
import java.io.IOException;

/** A log file the spool had no room for ({@code ct.spool.maxBytes}); the file is left for the caller to drop. */
public final class SpoolFullException extends IOException {
    private static final long serialVersionUID = 1L;
    private final long events;

    SpoolFullException(FinishedLogFile file, DeliverySpool spool) {
        super("the delivery spool is full (" + spool.bytes() + " of ct.spool.maxBytes=" + spool.maxBytes()
                + " bytes waiting for the destination); log file " + file.key() + " with " + file.recordCount()
                + " records dropped");
        this.events = file.recordCount();
    }

    /** The records the dropped file held. */
    public long events() {
        return events;
    }
}
