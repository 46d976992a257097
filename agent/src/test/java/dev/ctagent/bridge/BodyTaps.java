package dev.ctagent.bridge;

/** Test access to taps as a request thread would have filled them. */
public final class BodyTaps {
    private BodyTaps() {}

    /** A tap that kept what a request read of {@code read}, with at most {@code maxBytes} kept. */
    public static BodyTap afterReading(byte[] read, int maxBytes) {
        BodyTap tap = new BodyTap();
        tap.start(maxBytes);
        tap.append(read, 0, read.length);
        tap.stop();
        return tap;
    }
}
