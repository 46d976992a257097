package dev.ctagent.delivery.record;

import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * Formats eventTime as CloudTrail does ({@code yyyy-MM-ddTHH:mm:ssZ}, UTC, whole seconds; the CPL
 * rejects anything else). Most records of a burst share a second, so the text of the last second is
 * kept and reused.
 */
final class EventTimes {
    /** Length of {@code 2026-01-02T03:04:05Z}. */
    static final int LENGTH = 20;
    // Four-digit years only: a five-digit or negative year would make the CPL reject the whole file.
    private static final long MIN_SECOND = -62167219200L; // 0000-01-01T00:00:00Z
    private static final long MAX_SECOND = 253402300799L; // 9999-12-31T23:59:59Z

    private final char[] text = new char[LENGTH];
    private long cachedSecond = Long.MIN_VALUE;

    /** The {@link #LENGTH} characters for {@code epochMillis}; the array is reused by the next call. */
    char[] format(long epochMillis) {
        long second = Math.max(MIN_SECOND, Math.min(MAX_SECOND, Math.floorDiv(epochMillis, 1000L)));
        if (second != cachedSecond) {
            LocalDateTime t = LocalDateTime.ofEpochSecond(second, 0, ZoneOffset.UTC);
            digits(t.getYear(), 4, 0);
            text[4] = '-';
            digits(t.getMonthValue(), 2, 5);
            text[7] = '-';
            digits(t.getDayOfMonth(), 2, 8);
            text[10] = 'T';
            digits(t.getHour(), 2, 11);
            text[13] = ':';
            digits(t.getMinute(), 2, 14);
            text[16] = ':';
            digits(t.getSecond(), 2, 17);
            text[19] = 'Z';
            cachedSecond = second;
        }
        return text;
    }

    /** The same as a String, for values that outlive the next call. */
    String formatToString(long epochMillis) {
        return new String(format(epochMillis));
    }

    private void digits(int value, int width, int at) {
        int v = value;
        for (int i = at + width - 1; i >= at; i--) {
            text[i] = (char) ('0' + v % 10);
            v /= 10;
        }
    }
}
