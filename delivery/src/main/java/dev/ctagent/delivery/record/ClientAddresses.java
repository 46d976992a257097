package dev.ctagent.delivery.record;

import dev.ctagent.runtime.config.TrustedProxies;

/**
 * sourceIPAddress of a served call. The peer address is the caller unless it is a configured trusted
 * proxy; then {@code X-Forwarded-For} is read from the right (the entries the proxies appended),
 * skipping further trusted proxies: the first untrusted address is the client, or the leftmost when
 * all are trusted. Anything in the list that is not an IP literal ends the walk and the last good
 * address stands, so a client cannot inject text by sending its own header. Capped at 1 KB.
 */
final class ClientAddresses {
    /** A real chain is a handful of hops; a megabyte header must not cost a megabyte of lookups. */
    static final int MAX_HOPS = 64;

    private final TrustedProxies trusted;

    ClientAddresses(TrustedProxies trusted) {
        this.trusted = trusted;
    }

    String sourceOf(String remoteAddr, String forwardedFor) {
        if (remoteAddr == null || remoteAddr.isEmpty()) {
            return EventSources.UNKNOWN;
        }
        String client = remoteAddr;
        if (forwardedFor != null && !trusted.isEmpty() && trusted.contains(remoteAddr)) {
            int end = forwardedFor.length();
            for (int hop = 0; hop < MAX_HOPS && end > 0; hop++) {
                int comma = forwardedFor.lastIndexOf(',', end - 1);
                String entry = forwardedFor.substring(comma + 1, end).trim();
                end = comma;
                if (entry.isEmpty()) {
                    continue;
                }
                if (TrustedProxies.literal(entry) == null) {
                    break;
                }
                client = withoutBrackets(entry);
                if (!trusted.contains(entry)) {
                    break;
                }
            }
        }
        return JsonText.capped(client, JsonText.ONE_KB);
    }

    private static String withoutBrackets(String ip) {
        return ip.startsWith("[") && ip.endsWith("]") ? ip.substring(1, ip.length() - 1) : ip;
    }
}
