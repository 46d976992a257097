package dev.ctagent.delivery.record;

import java.security.SecureRandom;
import java.util.SplittableRandom;

/**
 * Random (version 4) UUIDs for eventID and generated requestIDs, as text. A SecureRandom call per
 * event would cost more than the rest of the record, so a fast generator is seeded from SecureRandom
 * once: IDs must be unique and unguessable enough to not collide, not secret.
 */
final class EventIds {
    private static final char[] HEX = "0123456789abcdef".toCharArray();
    /** Length of the canonical text form, e.g. {@code 0b1d6c1e-5f61-4c8e-9a0e-2f1f3c4d5e6f}. */
    static final int LENGTH = 36;

    private final SplittableRandom random;
    private final char[] text = new char[LENGTH];

    EventIds() {
        this(new SecureRandom().nextLong());
    }

    EventIds(long seed) {
        random = new SplittableRandom(seed);
    }

    /** The next UUID's {@link #LENGTH} characters; the array is reused by the next call. */
    char[] next() {
        long msb = (random.nextLong() & ~0xF000L) | 0x4000L; // version 4
        long lsb = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L; // IETF variant
        hex(msb >>> 32, 8, 0);
        text[8] = '-';
        hex(msb >>> 16, 4, 9);
        text[13] = '-';
        hex(msb, 4, 14);
        text[18] = '-';
        hex(lsb >>> 48, 4, 19);
        text[23] = '-';
        hex(lsb, 12, 24);
        return text;
    }

    private void hex(long value, int digits, int at) {
        long v = value;
        for (int i = at + digits - 1; i >= at; i--) {
            text[i] = HEX[(int) (v & 0xF)];
            v >>>= 4;
        }
    }
}
