package dev.ctagent.delivery.validation;

import java.io.IOException;
import java.io.InputStream;
import java.util.zip.CRC32;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * Inflates the first gzip member of a stream (RFC 1952) into a sink, checking its header, the trailer's
 * CRC-32 and ISIZE, and whether anything follows it. One instance per thread: it keeps its buffers and its
 * {@link Inflater} from one stream to the next.
 */
final class GzipMemberReader {
    enum Status {
        /** One whole, correct member and nothing after it. */
        COMPLETE,
        /** The stream ended inside the member (the sink got what could be inflated). */
        TRUNCATED,
        /** Not gzip, bad deflate data, or a CRC-32/ISIZE/header CRC mismatch. */
        CORRUPT,
        /** A whole, correct member followed by more bytes. */
        TRAILING_DATA
    }

    interface Sink {
        void accept(byte[] bytes, int offset, int length) throws IOException;
    }

    private static final int FHCRC = 2;
    private static final int FEXTRA = 4;
    private static final int FNAME = 8;
    private static final int FCOMMENT = 16;

    private final byte[] in;
    private final byte[] out;
    private final Inflater inflater = new Inflater(true);
    private final CRC32 crc = new CRC32();
    private final CRC32 headerCrc = new CRC32();
    private InputStream source;
    private int pos;
    private int lim;
    private long compressedBytes;

    GzipMemberReader() {
        this(1 << 16, 1 << 17);
    }

    GzipMemberReader(int inputBuffer, int outputBuffer) {
        this.in = new byte[inputBuffer];
        this.out = new byte[outputBuffer];
    }

    /** Bytes taken from the stream by the last {@link #read}. */
    long compressedBytes() {
        return compressedBytes;
    }

    Status read(InputStream stream, Sink sink) throws IOException {
        source = stream;
        pos = 0;
        lim = 0;
        compressedBytes = 0;
        crc.reset();
        headerCrc.reset();
        inflater.reset();
        try {
            return member(sink);
        } finally {
            source = null;
        }
    }

    private Status member(Sink sink) throws IOException {
        int[] h = new int[10];
        for (int i = 0; i < h.length; i++) {
            h[i] = headerByte();
            if (h[i] < 0) {
                return Status.TRUNCATED;
            }
        }
        if (h[0] != 0x1f || h[1] != 0x8b || h[2] != 8 || (h[3] & 0xe0) != 0) {
            return Status.CORRUPT;
        }
        int flags = h[3];
        if ((flags & FEXTRA) != 0) {
            int lo = headerByte();
            int hi = headerByte();
            if (hi < 0) {
                return Status.TRUNCATED;
            }
            for (int n = lo | hi << 8; n > 0; n--) {
                if (headerByte() < 0) {
                    return Status.TRUNCATED;
                }
            }
        }
        for (int field : new int[] {FNAME, FCOMMENT}) {
            if ((flags & field) != 0) {
                int b;
                do {
                    b = headerByte();
                } while (b > 0);
                if (b < 0) {
                    return Status.TRUNCATED;
                }
            }
        }
        if ((flags & FHCRC) != 0) {
            int expected = (int) (headerCrc.getValue() & 0xffff);
            int lo = next();
            int hi = next();
            if (hi < 0) {
                return Status.TRUNCATED;
            }
            if ((lo | hi << 8) != expected) {
                return Status.CORRUPT;
            }
        }

        long size = 0;
        inflater.setInput(in, pos, lim - pos);
        try {
            while (true) {
                int n = inflater.inflate(out);
                if (n > 0) {
                    sink.accept(out, 0, n);
                    crc.update(out, 0, n);
                    size += n;
                }
                if (inflater.finished()) {
                    break;
                }
                if (n == 0) {
                    if (inflater.needsInput()) {
                        if (!fill()) {
                            return Status.TRUNCATED;
                        }
                        inflater.setInput(in, 0, lim);
                    } else if (inflater.needsDictionary()) {
                        return Status.CORRUPT;
                    }
                }
            }
        } catch (DataFormatException e) {
            return Status.CORRUPT;
        }
        pos = lim - inflater.getRemaining();

        long trailerCrc = 0;
        long trailerSize = 0;
        for (int i = 0; i < 8; i++) {
            int b = next();
            if (b < 0) {
                return Status.TRUNCATED;
            }
            if (i < 4) {
                trailerCrc |= (long) b << (8 * i);
            } else {
                trailerSize |= (long) b << (8 * (i - 4));
            }
        }
        if (trailerCrc != crc.getValue() || trailerSize != (size & 0xffffffffL)) {
            return Status.CORRUPT;
        }
        return next() < 0 ? Status.COMPLETE : Status.TRAILING_DATA;
    }

    private int headerByte() throws IOException {
        int b = next();
        if (b >= 0) {
            headerCrc.update(b);
        }
        return b;
    }

    private int next() throws IOException {
        if (pos == lim && !fill()) {
            return -1;
        }
        return in[pos++] & 0xff;
    }

    private boolean fill() throws IOException {
        int n;
        do {
            n = source.read(in, 0, in.length);
        } while (n == 0);
        if (n < 0) {
            pos = 0;
            lim = 0;
            return false;
        }
        pos = 0;
        lim = n;
        compressedBytes += n;
        return true;
    }
}
