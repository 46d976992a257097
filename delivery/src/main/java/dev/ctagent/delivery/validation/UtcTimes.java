package dev.ctagent.delivery.validation;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Times as the AWS CLI's validator reads and prints them. Reading accepts ISO-8601 dates and date-times with
 * or without a zone ({@code 2026-11-21}, {@code 2026-11-21T14:00}, {@code 2026-11-21T14:00:00.5Z},
 * {@code 20261121T140000Z}, {@code 2026-11-21 14:00:00+02:00}); like the CLI (dateutil, then
 * {@code replace(tzinfo=UTC)}) the wall-clock time is <em>labelled</em> UTC, a zone offset is not applied.
 */
public final class UtcTimes {
    private static final Pattern ISO = Pattern.compile(
            "\\s*(\\d{4})-?(\\d{2})-?(\\d{2})(?:[T ](\\d{2}):?(\\d{2})(?::?(\\d{2})(?:[.,](\\d{1,9}))?)?)?"
                    + "\\s*(Z|z|UTC|[+-]\\d{2}(?::?\\d{2})?)?\\s*");
    private static final DateTimeFormatter DISPLAY =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss'Z'").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter STAMP =
            DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter LOG_STAMP =
            DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmm'Z'").withZone(ZoneOffset.UTC);

    private UtcTimes() {}

    /**
     * @throws IllegalArgumentException {@code Unable to parse date value: <text>} (the CLI's message)
     */
    public static Instant parse(String text) {
        Matcher m = text == null ? null : ISO.matcher(text);
        if (m == null || !m.matches()) {
            throw new IllegalArgumentException("Unable to parse date value: " + text);
        }
        try {
            int nanos = 0;
            if (m.group(7) != null) {
                String f = (m.group(7) + "00000000").substring(0, 9);
                nanos = Integer.parseInt(f);
            }
            LocalDateTime t = LocalDateTime.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
                    Integer.parseInt(m.group(3)), m.group(4) == null ? 0 : Integer.parseInt(m.group(4)),
                    m.group(5) == null ? 0 : Integer.parseInt(m.group(5)),
                    m.group(6) == null ? 0 : Integer.parseInt(m.group(6)), nanos);
            return t.toInstant(ZoneOffset.UTC);
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("Unable to parse date value: " + text, e);
        }
    }

    /** {@code 2026-11-21T14:00:00Z}: whole seconds, as the CLI prints dates. */
    public static String display(Instant t) {
        return DISPLAY.format(t);
    }

    /** A digest key's stamp, {@code 20261121T140000Z}. */
    public static String digestStamp(Instant t) {
        return STAMP.format(t);
    }

    /** Reads a digest key's 16-character stamp; null when it is not one. */
    public static Instant parseDigestStamp(String stamp) {
        try {
            return Instant.from(STAMP.parse(stamp));
        } catch (DateTimeException e) {
            return null;
        }
    }

    /** Reads a log file key's 14-character stamp ({@code 20261121T1400Z}); null when it is not one. */
    public static Instant parseLogStamp(String stamp) {
        try {
            return Instant.from(LOG_STAMP.parse(stamp));
        } catch (DateTimeException e) {
            return null;
        }
    }

    static Instant floorToMinute(Instant t) {
        return t.truncatedTo(ChronoUnit.MINUTES);
    }
}
