package dev.ctagent.delivery.logfile;

import java.io.ByteArrayOutputStream;

/** A reusable byte buffer whose content can be read without copying. */
final class RecordBuffer extends ByteArrayOutputStream {
    RecordBuffer(int initialCapacity) {
        super(initialCapacity);
    }

    /** The backing array; only the first {@link #length()} bytes are content. */
    byte[] bytes() {
        return buf;
    }

    int length() {
        return count;
    }
}
