package dev.ctagent.runtime.config;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The proxies whose {@code X-Forwarded-For} header is believed: IP addresses and CIDR blocks, IPv4 or
 * IPv6. Only literals are accepted, so nothing here ever asks DNS.
 */
public final class TrustedProxies {
    private static final TrustedProxies NONE = new TrustedProxies(Collections.emptyList());
    private final List<byte[][]> blocks; // each: {network bytes, mask bytes}

    private TrustedProxies(List<byte[][]> blocks) {
        this.blocks = blocks;
    }

    public static TrustedProxies none() {
        return NONE;
    }

    static TrustedProxies parse(String key, String value) throws ConfigException {
        List<byte[][]> blocks = new ArrayList<>();
        for (String entry : ValueParsers.list(value)) {
            String addr = entry;
            int prefix = -1;
            int slash = entry.indexOf('/');
            if (slash >= 0) {
                addr = entry.substring(0, slash);
                try {
                    prefix = Integer.parseInt(entry.substring(slash + 1));
                } catch (NumberFormatException e) {
                    prefix = -1;
                }
                if (prefix < 0) {
                    throw new ConfigException(key, value, "bad CIDR prefix in '" + entry + "'");
                }
            }
            byte[] network = literal(addr);
            if (network == null) {
                throw new ConfigException(key, value, "'" + entry + "' is not an IP address or CIDR block");
            }
            int bits = network.length * 8;
            if (prefix < 0) {
                prefix = bits;
            }
            if (prefix > bits) {
                throw new ConfigException(key, value, "CIDR prefix of '" + entry + "' exceeds " + bits);
            }
            byte[] mask = new byte[network.length];
            for (int i = 0; i < prefix; i++) {
                mask[i / 8] |= (byte) (0x80 >>> (i % 8));
            }
            blocks.add(new byte[][] {network, mask});
        }
        return new TrustedProxies(Collections.unmodifiableList(blocks));
    }

    public boolean isEmpty() {
        return blocks.isEmpty();
    }

    /** True when {@code ip} is a literal address inside one of the blocks. */
    public boolean contains(String ip) {
        if (blocks.isEmpty() || ip == null) {
            return false;
        }
        byte[] a = literal(ip.trim());
        if (a == null) {
            return false;
        }
        for (byte[][] block : blocks) {
            byte[] net = block[0];
            byte[] mask = block[1];
            if (net.length != a.length) {
                continue;
            }
            boolean match = true;
            for (int i = 0; i < a.length && match; i++) {
                match = (a[i] & mask[i]) == (net[i] & mask[i]);
            }
            if (match) {
                return true;
            }
        }
        return false;
    }

    /** The address bytes of an IP literal, or null for anything else (never a DNS lookup). */
    public static byte[] literal(String s) {
        if (s == null || s.isEmpty()) {
            return null;
        }
        String t = s.startsWith("[") && s.endsWith("]") ? s.substring(1, s.length() - 1) : s;
        if (t.length() > 45) {
            return null;
        }
        if (t.indexOf(':') < 0) {
            return ipv4(t);
        }
        for (int i = 0; i < t.length(); i++) {
            char c = t.charAt(i);
            boolean ok = (c >= '0' && c <= '9') || c == '.' || c == ':' || (c >= 'a' && c <= 'f')
                    || (c >= 'A' && c <= 'F');
            if (!ok) {
                return null;
            }
        }
        try {
            // With a ':' the JDK parses an IPv6 literal or throws; it never asks the name service.
            return InetAddress.getByName(t).getAddress();
        } catch (UnknownHostException | SecurityException e) {
            return null;
        }
    }

    /** Strict dotted quad: four decimal octets 0-255. Parsed here, since the JDK would look anything else up. */
    private static byte[] ipv4(String t) {
        byte[] out = new byte[4];
        int part = 0;
        int value = 0;
        int digits = 0;
        for (int i = 0; i <= t.length(); i++) {
            char c = i == t.length() ? '.' : t.charAt(i);
            if (c >= '0' && c <= '9') {
                value = value * 10 + (c - '0');
                if (++digits > 3 || value > 255) {
                    return null;
                }
            } else if (c == '.' && digits > 0 && part < 4) {
                out[part++] = (byte) value;
                value = 0;
                digits = 0;
            } else {
                return null;
            }
        }
        return part == 4 ? out : null;
    }
}
