package dev.ctagent.delivery.validation;

import java.io.PrintStream;
import java.time.Instant;

/**
 * Writes what the validator finds exactly as {@code aws cloudtrail validate-logs} does (cloudtrail-formats.md
 * §2.8): the header and, with {@code --verbose}, each valid file on stdout; every problem on stderr followed
 * by a blank line (and preceded by one when the last thing written was a verbose line); the summary on
 * stdout. Counts what it writes; {@link #exitCode()} is 1 once anything was invalid. Standard output is
 * buffered and flushed before each stderr line, so a terminal shows both in order.
 */
final class ValidationReport {
    private final PrintStream out;
    private final PrintStream err;
    private final boolean verbose;
    private final Instant start;
    private final Instant end;
    private final StringBuilder pending = new StringBuilder(1 << 14);
    private boolean lastStatusDoubleSpace = true;
    private int validDigests;
    private int invalidDigests;
    private int validBackfillDigests;
    private int invalidBackfillDigests;
    private int validLogs;
    private int invalidLogs;
    private Instant foundStart;
    private Instant foundEnd;

    ValidationReport(PrintStream out, PrintStream err, boolean verbose, Instant start, Instant end) {
        this.out = out;
        this.err = err;
        this.verbose = verbose;
        this.start = start;
        this.end = end;
    }

    synchronized void header(String trailArn) {
        stdout("Validating log files for trail " + trailArn + " between " + UtcTimes.display(start) + " and "
                + UtcTimes.display(end) + "\n\n");
    }

    synchronized void digestValid(String bucket, String key, Instant digestStart, Instant digestEnd,
            boolean backfill) {
        Instant s = digestStart.isAfter(start) ? digestStart : start;
        if (foundStart == null || s.isBefore(foundStart)) {
            foundStart = s;
        }
        Instant e = digestEnd.isBefore(end) ? digestEnd : end;
        if (foundEnd == null || e.isAfter(foundEnd)) {
            foundEnd = e;
        }
        if (backfill) {
            validBackfillDigests++;
        } else {
            validDigests++;
        }
        status(prefix(backfill) + "Digest file\ts3://" + bucket + "/" + key + "\tvalid", false);
    }

    /** @param message the whole line, e.g. {@code Digest file\ts3://b/k\tINVALID: invalid format} */
    synchronized void digestInvalid(String message, boolean backfill) {
        if (backfill) {
            invalidBackfillDigests++;
        } else {
            invalidDigests++;
        }
        status(prefix(backfill) + message, true);
    }

    synchronized void gap(Instant olderEnd, Instant thisStart, boolean backfill) {
        status(prefix(backfill) + "No log files were delivered by CloudTrail between " + UtcTimes.display(olderEnd)
                + " and " + UtcTimes.display(thisStart), true);
    }

    synchronized void logFile(String bucket, String key, LogFileOutcome outcome) {
        if (outcome == LogFileOutcome.VALID) {
            validLogs++;
        } else {
            invalidLogs++;
        }
        status("Log file\ts3://" + bucket + "/" + key + "\t" + outcome.text(), outcome != LogFileOutcome.VALID);
    }

    synchronized void logFileNotListed(String bucket, String key) {
        invalidLogs++;
        status("Log file\ts3://" + bucket + "/" + key + "\tINVALID: not listed in any digest", true);
    }

    synchronized void logFileNotYetCovered(String bucket, String key) {
        status("Log file\ts3://" + bucket + "/" + key + "\tnot yet covered by a digest", true);
    }

    /** A progress line on stderr; not part of the CLI's output, so it leaves the spacing state alone. */
    synchronized void progress(String line) {
        flush();
        err.print(line + "\n");
        err.flush();
    }

    /** A fatal error ends the run without a summary, like an exception in the CLI. */
    synchronized void fatal(String message) {
        flush();
        err.print(message + "\n");
        err.flush();
    }

    synchronized void summary() {
        if (!lastStatusDoubleSpace) {
            stdout("\n");
        }
        stdout("Results requested for " + UtcTimes.display(start) + " to " + UtcTimes.display(end) + "\n");
        if (validDigests + validBackfillDigests + invalidDigests + invalidBackfillDigests == 0) {
            stdout("No digests found\n");
            if (validLogs + invalidLogs > 0) {
                ratio(validLogs, invalidLogs, "log");
                stdout("\n");
            }
            flush();
            return;
        }
        if (foundStart == null || foundEnd == null) {
            stdout("No valid digests found in range\n");
        } else {
            stdout("Results found for " + UtcTimes.display(foundStart) + " to " + UtcTimes.display(foundEnd) + ":\n");
        }
        ratio(validDigests, invalidDigests, "digest");
        ratio(validBackfillDigests, invalidBackfillDigests, "backfill digest");
        ratio(validLogs, invalidLogs, "log");
        stdout("\n");
        flush();
    }

    synchronized int exitCode() {
        return invalidDigests + invalidBackfillDigests + invalidLogs > 0 ? 1 : 0;
    }

    synchronized void flush() {
        if (pending.length() > 0) {
            out.print(pending);
            pending.setLength(0);
        }
        out.flush();
    }

    private void ratio(int valid, int invalid, String name) {
        int total = valid + invalid;
        if (total > 0) {
            stdout("\n" + valid + "/" + total + " " + name + " files valid");
            if (invalid > 0) {
                stdout(", " + invalid + "/" + total + " " + name + " files INVALID");
            }
        }
    }

    private void status(String message, boolean error) {
        if (error) {
            flush();
            err.print(lastStatusDoubleSpace ? message + "\n\n" : "\n" + message + "\n\n");
            err.flush();
            lastStatusDoubleSpace = true;
        } else if (verbose) {
            lastStatusDoubleSpace = false;
            stdout(message + "\n");
        }
    }

    private void stdout(String text) {
        pending.append(text);
        if (pending.length() >= 1 << 14) {
            out.print(pending);
            pending.setLength(0);
        }
    }

    private static String prefix(boolean backfill) {
        return backfill ? "(backfill) " : "";
    }
}
