package dev.ctagent.runtime.config;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/** Parses the value types configuration keys use; every failure names the key and the value. */
final class ValueParsers {
    private ValueParsers() {}

    /** ISO-8601 ({@code PT5M}) or plain seconds ({@code 300}, {@code 0.5}); must be positive. */
    static Duration duration(String key, String value) throws ConfigException {
        Duration d;
        try {
            if (value.regionMatches(true, 0, "P", 0, 1)) {
                d = Duration.parse(value.toUpperCase(Locale.ROOT));
            } else {
                double seconds = Double.parseDouble(value);
                if (Double.isNaN(seconds) || Double.isInfinite(seconds)) {
                    throw new NumberFormatException();
                }
                d = Duration.ofNanos(Math.round(seconds * 1_000_000_000d));
            }
        } catch (DateTimeParseException | NumberFormatException | ArithmeticException e) {
            throw new ConfigException(key, value, "expected an ISO-8601 duration (PT5M) or seconds (300)");
        }
        if (d.isNegative() || d.isZero()) {
            throw new ConfigException(key, value, "expected a duration above zero");
        }
        return d;
    }

    static long longInRange(String key, String value, long min, long max) throws ConfigException {
        long v;
        try {
            v = Long.parseLong(value.replace("_", ""));
        } catch (NumberFormatException e) {
            throw new ConfigException(key, value, "expected a whole number from " + min + " to " + max);
        }
        if (v < min || v > max) {
            throw new ConfigException(key, value, "expected a whole number from " + min + " to " + max);
        }
        return v;
    }

    /** A byte count, optionally suffixed KB, MB or GB (powers of 1024). */
    static long bytes(String key, String value, long min, long max) throws ConfigException {
        String v = value.toUpperCase(Locale.ROOT).replace("_", "").trim();
        long unit = 1;
        if (v.endsWith("KB") || v.endsWith("MB") || v.endsWith("GB")) {
            char u = v.charAt(v.length() - 2);
            unit = u == 'K' ? 1024L : u == 'M' ? 1024L * 1024 : 1024L * 1024 * 1024;
            v = v.substring(0, v.length() - 2).trim();
        } else if (v.endsWith("B")) {
            v = v.substring(0, v.length() - 1).trim();
        }
        try {
            long n = Math.multiplyExact(Long.parseLong(v), unit);
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException | ArithmeticException e) {
            // fall through to the one error message
        }
        throw new ConfigException(key, value, "expected a byte count from " + min + " to " + max
                + " (suffix KB, MB or GB allowed)");
    }

    static boolean bool(String key, String value) throws ConfigException {
        if ("true".equalsIgnoreCase(value)) {
            return true;
        }
        if ("false".equalsIgnoreCase(value)) {
            return false;
        }
        throw new ConfigException(key, value, "expected true or false");
    }

    /** Comma-separated, trimmed, empty entries dropped. */
    static List<String> list(String value) {
        List<String> out = new ArrayList<>();
        for (String part : value.split(",")) {
            String p = part.trim();
            if (!p.isEmpty()) {
                out.add(p);
            }
        }
        return Collections.unmodifiableList(out);
    }
}
