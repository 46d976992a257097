package dev.ctagent.agent.instrumentation.servlet;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import javax.servlet.ReadListener;
import javax.servlet.ServletInputStream;

/**
 * The ServletInputStream shapes BodyCaptureInstrumentationTest reads through: a container's wire stream,
 * wrappers, single-byte reads routed through array reads, inherited reads, and a stream that fails.
 * Only classes under this one are instrumented by that test.
 */
final class TestServletStreams {
    private TestServletStreams() {}


    /** A container's stream: reads from the wire (here a byte array). */
    static final class WireStream extends ServletInputStream {
        private final ByteArrayInputStream in;

        WireStream(byte[] body) {
            in = new ByteArrayInputStream(body);
        }

        @Override
        public int read() {
            return in.read();
        }

        @Override
        public int read(byte[] b, int off, int len) {
            return in.read(b, off, len);
        }

        @Override
        public boolean isFinished() {
            return in.available() == 0;
        }

        @Override
        public boolean isReady() {
            return true;
        }

        @Override
        public void setReadListener(ReadListener listener) {}
    }

    /** A filter's stream that delegates every read to the container's (Spring's ContentCachingInputStream). */
    static final class WrappingStream extends ServletInputStream {
        private final ServletInputStream inner;

        WrappingStream(ServletInputStream inner) {
            this.inner = inner;
        }

        @Override
        public int read() throws IOException {
            return inner.read();
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            return inner.read(b, off, len);
        }

        @Override
        public boolean isFinished() {
            return inner.isFinished();
        }

        @Override
        public boolean isReady() {
            return inner.isReady();
        }

        @Override
        public void setReadListener(ReadListener listener) {
            inner.setReadListener(listener);
        }
    }

    /** Reads one byte through its own array read, as Jetty's HttpInput does. */
    static final class OneByteViaArrayStream extends ServletInputStream {
        private final ByteArrayInputStream in;

        OneByteViaArrayStream(byte[] body) {
            in = new ByteArrayInputStream(body);
        }

        @Override
        public int read() {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            return in.read(b, off, len);
        }

        @Override
        public boolean isFinished() {
            return in.available() == 0;
        }

        @Override
        public boolean isReady() {
            return true;
        }

        @Override
        public void setReadListener(ReadListener listener) {}
    }

    /** Its reads live in an abstract superclass. */
    abstract static class AbstractStream extends ServletInputStream {
        private final ByteArrayInputStream in;

        AbstractStream(byte[] body) {
            in = new ByteArrayInputStream(body);
        }

        @Override
        public int read() {
            return in.read();
        }

        @Override
        public int read(byte[] b, int off, int len) {
            return in.read(b, off, len);
        }

        @Override
        public boolean isReady() {
            return true;
        }

        @Override
        public void setReadListener(ReadListener listener) {}
    }

    static final class InheritingStream extends AbstractStream {
        InheritingStream(byte[] body) {
            super(body);
        }

        @Override
        public boolean isFinished() {
            return false;
        }
    }

    /** Overrides {@code read(byte[])} without going through {@code read(byte[], int, int)}. */
    static final class ArrayReadStream extends ServletInputStream {
        private final ByteArrayInputStream in;

        ArrayReadStream(byte[] body) {
            in = new ByteArrayInputStream(body);
        }

        @Override
        public int read(byte[] b) {
            return in.read(b, 0, b.length);
        }

        @Override
        public int read() {
            return in.read();
        }

        @Override
        public boolean isFinished() {
            return in.available() == 0;
        }

        @Override
        public boolean isReady() {
            return true;
        }

        @Override
        public void setReadListener(ReadListener listener) {}
    }

    /** The wire breaks once, then works again. */
    static final class FlakyStream extends ServletInputStream {
        private final ByteArrayInputStream in;
        private boolean failed;

        FlakyStream(byte[] body) {
            in = new ByteArrayInputStream(body);
        }

        @Override
        public int read() throws IOException {
            return read(new byte[1], 0, 1) < 0 ? -1 : 0;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (!failed) {
                failed = true;
                throw new IOException("connection reset");
            }
            return in.read(b, off, len);
        }

        @Override
        public boolean isFinished() {
            return in.available() == 0;
        }

        @Override
        public boolean isReady() {
            return true;
        }

        @Override
        public void setReadListener(ReadListener listener) {}
    }
}
