package dev.ctagent.delivery.record;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Splits a raw query string into name/value pairs: on {@code &} then on the first {@code =}; empty
 * segments are skipped, a name without {@code =} has the value "". Names and values are
 * percent-decoded as UTF-8 with {@code +} as space; a malformed UTF-8 sequence becomes U+FFFD and a
 * {@code %} not followed by two hex digits stays as it is (as lenient servlet containers do).
 */
final class QueryParameters {
    private byte[] scratch = new byte[256];

    void parseInto(String query, RequestParameters out) {
        if (query == null || query.isEmpty()) {
            return;
        }
        int n = query.length();
        int start = 0;
        while (start <= n) {
            int amp = query.indexOf('&', start);
            int end = amp < 0 ? n : amp;
            if (end > start) {
                int eq = query.indexOf('=', start);
                if (eq < 0 || eq > end) {
                    out.add(decode(query, start, end), "");
                } else {
                    out.add(decode(query, start, eq), decode(query, eq + 1, end));
                }
            }
            start = end + 1;
        }
    }

    /** The decoded text of {@code s[from, to)}; a plain substring when nothing is encoded. */
    String decode(String s, int from, int to) {
        boolean plain = true;
        for (int i = from; i < to && plain; i++) {
            char c = s.charAt(i);
            plain = c != '%' && c != '+' && c < 0x80;
        }
        if (plain) {
            return s.substring(from, to);
        }
        int size = 0;
        for (int i = from; i < to; i++) {
            ensure(size + 4);
            char c = s.charAt(i);
            if (c == '+') {
                scratch[size++] = ' ';
            } else if (c == '%' && hex(s, i + 1, to) >= 0) {
                scratch[size++] = (byte) hex(s, i + 1, to);
                i += 2;
            } else if (c < 0x80) {
                scratch[size++] = (byte) c;
            } else {
                // A raw non-ASCII character: its own UTF-8 bytes (an unpaired surrogate as U+FFFD).
                int cp = c;
                if (Character.isHighSurrogate(c) && i + 1 < to && Character.isLowSurrogate(s.charAt(i + 1))) {
                    cp = Character.toCodePoint(c, s.charAt(++i));
                } else if (Character.isSurrogate(c)) {
                    cp = 0xFFFD;
                }
                size = utf8(cp, size);
            }
        }
        return new String(scratch, 0, size, StandardCharsets.UTF_8); // malformed input → U+FFFD
    }

    /** The byte of the two hex digits at {@code s[at, at+2)} if both lie before {@code to}, else -1. */
    private static int hex(String s, int at, int to) {
        if (at + 1 >= to) {
            return -1;
        }
        int hi = hexDigit(s.charAt(at));
        int lo = hexDigit(s.charAt(at + 1));
        return hi < 0 || lo < 0 ? -1 : (hi << 4) | lo;
    }

    /** ASCII hex only: {@link Character#digit} would also accept other scripts' digits. */
    private static int hexDigit(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        return -1;
    }

    private int utf8(int cp, int at) {
        int i = at;
        if (cp < 0x800) {
            scratch[i++] = (byte) (0xC0 | (cp >> 6));
        } else if (cp < 0x10000) {
            scratch[i++] = (byte) (0xE0 | (cp >> 12));
            scratch[i++] = (byte) (0x80 | ((cp >> 6) & 0x3F));
        } else {
            scratch[i++] = (byte) (0xF0 | (cp >> 18));
            scratch[i++] = (byte) (0x80 | ((cp >> 12) & 0x3F));
            scratch[i++] = (byte) (0x80 | ((cp >> 6) & 0x3F));
        }
        scratch[i++] = (byte) (0x80 | (cp & 0x3F));
        return i;
    }

    private void ensure(int size) {
        if (size > scratch.length) {
            scratch = Arrays.copyOf(scratch, Math.max(size, scratch.length * 2));
        }
    }
}
