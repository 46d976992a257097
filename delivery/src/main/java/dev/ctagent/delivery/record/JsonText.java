package dev.ctagent.delivery.record;

/**
 * Makes any Java string safe to write as a JSON string that every strict parser accepts, and cuts it
 * to a byte budget. Jackson escapes quotes, backslashes and control characters itself; what it would
 * pass through is an unpaired UTF-16 surrogate (as a {@code \uD800} escape that some parsers reject),
 * so each one becomes U+FFFD here.
 */
final class JsonText {
    /** CloudTrail's cap for userAgent, errorCode, errorMessage, requestID (and what we use for names). */
    static final int ONE_KB = 1024;

    private static final char REPLACEMENT = '\uFFFD';

    private JsonText() {
    }

    /** {@code s} with unpaired surrogates replaced; {@code s} itself when it is already clean. */
    static String clean(String s) {
        return capped(s, Integer.MAX_VALUE);
    }

    /**
     * {@code s} cleaned and cut to at most {@code maxUtf8Bytes} UTF-8 bytes on a character boundary
     * (never inside a surrogate pair). Returns {@code s} itself when nothing changes; null stays null.
     */
    static String capped(String s, int maxUtf8Bytes) {
        if (s == null) {
            return null;
        }
        int n = s.length();
        long bytes = 0;
        boolean unpaired = false;
        int end = n;
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            int width;
            int chars = 1;
            if (c < 0x80) {
                width = 1;
            } else if (c < 0x800) {
                width = 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                width = 4;
                chars = 2;
            } else {
                unpaired |= Character.isSurrogate(c);
                width = 3; // also the width of U+FFFD
            }
            if (bytes + width > maxUtf8Bytes) {
                end = i;
                break;
            }
            bytes += width;
            i += chars - 1;
        }
        if (!unpaired) {
            return end == n ? s : s.substring(0, end);
        }
        StringBuilder out = new StringBuilder(end);
        for (int i = 0; i < end; i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < end && Character.isLowSurrogate(s.charAt(i + 1))) {
                out.append(c).append(s.charAt(++i));
            } else {
                out.append(Character.isSurrogate(c) ? REPLACEMENT : c);
            }
        }
        return out.toString();
    }
}
