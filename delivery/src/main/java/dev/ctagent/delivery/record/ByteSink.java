package dev.ctagent.delivery.record;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The growable byte buffer a record is written into and handed out from. Reused for every record;
 * it can be cut back (see {@link CappedObjectWriter}) because the generator is flushed first.
 */
final class ByteSink extends OutputStream {
    private static final int INITIAL = 16 * 1024;
    /** A hostile record may grow the buffer to megabytes; do not keep that much around. */
    private static final int KEEP_AT_MOST = 1024 * 1024;

    private byte[] bytes = new byte[INITIAL];
    private int size;

    /** Starts a new record. Drops an oversized array so one huge record does not pin memory. */
    void reset() {
        size = 0;
        if (bytes.length > KEEP_AT_MOST) {
            bytes = new byte[INITIAL];
        }
    }

    byte[] bytes() {
        return bytes;
    }

    int size() {
        return size;
    }

    /** Forgets everything written after {@code newSize}. */
    void truncate(int newSize) {
        if (newSize < 0 || newSize > size) {
            throw new IllegalArgumentException("cannot truncate " + size + " bytes to " + newSize);
        }
        size = newSize;
    }

    /** Appends text known to be ASCII (our own JSON snippets). */
    void writeAscii(String ascii) {
        write(ascii.getBytes(StandardCharsets.US_ASCII), 0, ascii.length());
    }

    @Override
    public void write(int b) {
        ensure(1);
        bytes[size++] = (byte) b;
    }

    @Override
    public void write(byte[] b, int off, int len) {
        ensure(len);
        System.arraycopy(b, off, bytes, size, len);
        size += len;
    }

    private void ensure(int more) {
        int needed = size + more;
        if (needed < 0) {
            throw new IllegalStateException("record larger than 2 GB");
        }
        if (needed > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(needed, bytes.length * 2));
        }
    }
}
