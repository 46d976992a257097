package dev.ctagent.delivery.record;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Which parameter and JSON field names hide their value: a name hides it when, ignoring case, it
 * contains one of {@code ct.redact.keys} ({@code "Password"}, {@code "x-api_key"},
 * {@code "sessionId"}...). The value, whatever its type, is then written as
 * {@value #HIDDEN}, the literal CloudTrail itself uses.
 */
final class Redaction {
    static final String HIDDEN = "HIDDEN_DUE_TO_SECURITY_REASONS";

    private final char[][] keys;
    /** ASCII characters some key starts with: most positions of a name start no key at all. */
    private final boolean[] startsKey = new boolean[128];
    private final boolean nonAsciiStart;

    Redaction(List<String> redactKeys) {
        List<char[]> k = new ArrayList<>();
        boolean nonAscii = false;
        for (String key : redactKeys) {
            if (key != null && !key.isEmpty()) {
                char[] lower = key.toLowerCase(Locale.ROOT).toCharArray();
                k.add(lower);
                if (lower[0] < 128) {
                    startsKey[lower[0]] = true;
                } else {
                    nonAscii = true;
                }
            }
        }
        keys = k.toArray(new char[0][]);
        nonAsciiStart = nonAscii;
    }

    /** True when the value under {@code name} must not be written. */
    boolean hides(String name) {
        int n = name.length();
        for (int i = 0; i < n; i++) {
            char c = lower(name.charAt(i));
            if (c < 128 ? startsKey[c] : nonAsciiStart) {
                for (char[] key : keys) {
                    if (key[0] == c && key.length <= n - i && matchesAt(name, i, key)) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    private static boolean matchesAt(String name, int at, char[] key) {
        for (int j = 1; j < key.length; j++) {
            if (lower(name.charAt(at + j)) != key[j]) {
                return false;
            }
        }
        return true;
    }

    private static char lower(char c) {
        if (c < 0x80) {
            return c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c;
        }
        return Character.toLowerCase(c);
    }
}
