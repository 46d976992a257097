package dev.ctagent.delivery.logfile;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.Closeable;
import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Reads the complete records out of a log file nobody finished: a crashed writer's partial file, possibly
 * cut anywhere. Inflates leniently (a truncated or corrupt stream just ends), checks the
 * <code>{"Records":[</code> header, and yields each record only once its closing brace was read, so a record cut
 * in half is never returned. Every record comes back with a {@link DelayAddendum}.
 *
 * <p>Usage: {@code while (reader.next()) { use reader.record(), reader.length(), reader.eventTimeMillis() }}.
 * Closing the reader frees its inflater; it never closes the source stream.
 */
public final class PartialLogReader implements Closeable {
    private static final JsonFactory JSON = new JsonFactory();
    private static final int INFLATE_BUFFER_BYTES = 64 * 1024;

    private final long fallbackEventTimeMillis;
    private final GZIPInputStream gzip;
    private final JsonParser parser;
    private final RecordBuffer verbatim = new RecordBuffer(4096);
    private final RecordBuffer delayed = new RecordBuffer(4096);
    private boolean ended;
    private byte[] record;
    private int length;
    private long eventTimeMillis;

    private PartialLogReader(GZIPInputStream gzip, long fallbackEventTimeMillis) throws IOException {
        this.gzip = gzip;
        this.fallbackEventTimeMillis = fallbackEventTimeMillis;
        this.parser = gzip == null ? null : JSON.createParser(new TruncationTolerant(gzip));
        this.ended = gzip == null || !readHeader();
    }

    /**
     * @param fallbackEventTimeMillis the event time to assume for a record whose eventTime is missing or
     *     unreadable (e.g. the partial file's modification time)
     */
    public static PartialLogReader open(InputStream gzipped, long fallbackEventTimeMillis) throws IOException {
        InputStream source = new FilterInputStream(gzipped) {
            @Override
            public void close() {
                // the caller owns the source (it may hold a lock through it)
            }
        };
        GZIPInputStream gzip;
        try {
            gzip = new GZIPInputStream(source, INFLATE_BUFFER_BYTES);
        } catch (EOFException | ZipException noHeader) {
            gzip = null; // cut inside the gzip header: nothing to salvage
        }
        return new PartialLogReader(gzip, fallbackEventTimeMillis);
    }

    /** Advances to the next complete record; false at the end of what can be salvaged. */
    public boolean next() throws IOException {
        if (ended) {
            return false;
        }
        boolean hasAddendum;
        try {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                ended = true;
                return false;
            }
            hasAddendum = copyRecord();
        } catch (IOException | RuntimeException incompleteOrMalformed) {
            ended = true;
            return false;
        }
        if (hasAddendum) {
            // already delayed once (or carries its own addendum): keep it as it is
            record = verbatim.bytes();
            length = verbatim.length();
        } else {
            delayed.reset();
            DelayAddendum.insert(verbatim.bytes(), verbatim.length(), delayed);
            record = delayed.bytes();
            length = delayed.length();
        }
        return true;
    }

    /** The current record's bytes (compact UTF-8 JSON), valid until the next call of {@link #next()}. */
    public byte[] record() { return record; }
    public int length() { return length; }
    public long eventTimeMillis() { return eventTimeMillis; }

    @Override
    public void close() throws IOException {
        if (gzip != null) {
            parser.close();
            gzip.close(); // ends the inflater; the source itself is shielded
        }
    }

    private boolean readHeader() {
        try {
            return parser.nextToken() == JsonToken.START_OBJECT
                    && parser.nextToken() == JsonToken.FIELD_NAME
                    && "Records".equals(parser.currentName())
                    && parser.nextToken() == JsonToken.START_ARRAY;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /** Copies the record the parser is at into {@link #verbatim}; true if it has a top-level addendum. */
    private boolean copyRecord() throws IOException {
        verbatim.reset();
        eventTimeMillis = fallbackEventTimeMillis;
        boolean hasAddendum = false;
        try (JsonGenerator out = JSON.createGenerator(verbatim)) {
            out.writeStartObject();
            JsonToken t;
            while ((t = parser.nextToken()) == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                if ("addendum".equals(name)) {
                    hasAddendum = true;
                } else if ("eventTime".equals(name)) {
                    out.writeFieldName(name);
                    parser.nextToken();
                    readEventTime();
                }
                out.copyCurrentStructureExact(parser);
            }
            if (t != JsonToken.END_OBJECT) {
                throw new IOException("record ends early: " + t);
            }
            out.writeEndObject();
        }
        return hasAddendum;
    }

    private void readEventTime() throws IOException {
        if (parser.currentToken() == JsonToken.VALUE_STRING) {
            try {
                eventTimeMillis = Instant.parse(parser.getText()).toEpochMilli();
            } catch (DateTimeParseException keepFallback) {
                // not CloudTrail's format: the fallback stands
            }
        }
    }

    /** A gzip stream that ends quietly where the data was cut or damaged instead of throwing. */
    private static final class TruncationTolerant extends FilterInputStream {
        private boolean ended;

        TruncationTolerant(InputStream gzip) {
            super(gzip);
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) == -1 ? -1 : one[0] & 0xFF;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (ended) {
                return -1;
            }
            try {
                return in.read(b, off, len);
            } catch (EOFException | ZipException cutOrDamaged) {
                ended = true;
                return -1;
            }
        }
    }
}
