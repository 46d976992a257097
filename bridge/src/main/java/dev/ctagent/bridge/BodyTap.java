package dev.ctagent.bridge;

/**
 * The request-body bytes the application itself read during one request on one thread, kept up to
 * {@code ct.capture.body.maxBytes}. The agent never reads a body: it only copies what the application's
 * reads returned, at the exit of the outermost {@code ServletInputStream.read} of that request.
 *
 * <p>Each request thread owns one tap, reused from request to request. Its buffer is allocated on the
 * first read of a request and grows (up to the maximum) as reads arrive; a small buffer is kept for the
 * thread's next request, a large one is dropped, so an idle thread holds little. JDK types only.
 */
public final class BodyTap {
    /** A buffer this small stays with its thread between requests; a larger one is dropped. */
    static final int RETAINED_CAPACITY = 8 * 1024;
    private static final int INITIAL_CAPACITY = 512;

    private byte[] buffer;
    private int length;
    private boolean truncated;
    private boolean active;
    private int max;
    /** The stream whose reads are kept; reads of any other stream in the same request are not. */
    private Object source;

    BodyTap() {}

    /** The bytes kept so far: valid from 0 to {@link #length()}; null when nothing was read. */
    public byte[] buffer() {
        return buffer;
    }

    public int length() {
        return length;
    }

    /** True when the application read more bytes than were kept. */
    public boolean truncated() {
        return truncated;
    }

    /** True when the application read any body byte during the request. */
    public boolean hasBytes() {
        return length > 0 || truncated;
    }

    boolean active() {
        return active;
    }

    /** Starts a request: nothing kept, reads kept from now on, up to {@code maxBytes}. */
    void start(int maxBytes) {
        length = 0;
        truncated = false;
        source = null;
        max = maxBytes;
        active = maxBytes > 0;
    }

    /** Ends the request: no read is kept any more (the bytes stay until {@link #clear()}). */
    void stop() {
        active = false;
        source = null;
    }

    /** Forgets the request's bytes, keeping a small buffer for the next one. */
    void clear() {
        active = false;
        source = null;
        length = 0;
        truncated = false;
        if (buffer != null && buffer.length > RETAINED_CAPACITY) {
            buffer = null;
        }
    }

    /**
     * Whether a read of {@code stream} is one whose bytes belong to this request's body: the first
     * stream read is the body's source. Another stream read later (typically a copy of a body a filter
     * already read, served from memory) would only repeat bytes already kept.
     */
    boolean accepts(Object stream) {
        if (source == null) {
            source = stream;
            return true;
        }
        return source == stream;
    }

    /** Keeps {@code n} bytes a read returned in {@code b} from {@code off}. */
    void append(byte[] b, int off, int n) {
        if (!active || n <= 0 || b == null || off < 0 || off > b.length || n > b.length - off) {
            return;
        }
        int keep = Math.min(n, max - length);
        if (keep < n) {
            truncated = true;
        }
        if (keep <= 0) {
            return;
        }
        ensureCapacity(length + keep);
        System.arraycopy(b, off, buffer, length, keep);
        length += keep;
    }

    /** Keeps the one byte {@code read()} returned (0 to 255). */
    void append(int value) {
        if (!active || value < 0) {
            return;
        }
        if (length >= max) {
            truncated = true;
            return;
        }
        ensureCapacity(length + 1);
        buffer[length++] = (byte) value;
    }

    private void ensureCapacity(int needed) {
        if (buffer != null && buffer.length >= needed) {
            return;
        }
        int capacity = buffer == null ? INITIAL_CAPACITY : buffer.length;
        while (capacity < needed) {
            capacity = capacity > max / 2 ? max : capacity * 2;
        }
        capacity = Math.min(Math.max(capacity, needed), max);
        byte[] grown = new byte[capacity];
        if (buffer != null && length > 0) {
            System.arraycopy(buffer, 0, grown, 0, length);
        }
        buffer = grown;
    }
}
