package dev.ctagent.delivery.record;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;

/**
 * Writes an object-valued field under CloudTrail's 100 KB cap (requestParameters; responseElements
 * and serviceEventDetails are always small). The object is written in place and measured; when its
 * compact JSON exceeds {@value #MAX_BYTES} bytes it is cut out again and replaced by
 * {@code {"omitted":true,"originalSizeBytes":N}}, N being the size it would have had. Cutting is safe
 * because the generator is flushed around the object and, once the object is closed, holds no state
 * that depends on the bytes it wrote.
 */
final class CappedObjectWriter {
    static final int MAX_BYTES = 102_400;

    /** The members of the object, written between its braces. */
    interface Members {
        void writeMembers(JsonGenerator g) throws IOException;
    }

    /** Writes one whole JSON value (its braces included). */
    interface Value {
        void write() throws IOException;
    }

    private CappedObjectWriter() {
    }

    /** Writes the value of the field whose name {@code g} has just written. */
    static void write(JsonGenerator g, ByteSink sink, Members members) throws IOException {
        g.writeStartObject();
        g.flush();
        int start = sink.size() - 1;
        if (start < 0 || sink.bytes()[start] != '{') {
            throw new IllegalStateException("generator did not write '{' where expected");
        }
        members.writeMembers(g);
        g.writeEndObject();
        g.flush();
        int size = sink.size() - start;
        if (size > MAX_BYTES) {
            sink.truncate(start);
            sink.writeAscii("{\"omitted\":true,\"originalSizeBytes\":" + size + "}");
        }
    }

    /**
     * Like {@link #write}, for a value that writes its own braces; an empty object becomes {@code null}
     * (CloudTrail writes null when a call has no parameters or returned nothing).
     */
    static void writeOrNull(JsonGenerator g, ByteSink sink, Value value) throws IOException {
        g.flush();
        int start = sink.size();
        value.write();
        g.flush();
        if (start < sink.size() && sink.bytes()[start] == ':') {
            start++; // the generator writes the field's colon with its value
        }
        int size = sink.size() - start;
        if (size == 2 && sink.bytes()[start] == '{' && sink.bytes()[start + 1] == '}') {
            sink.truncate(start);
            sink.writeAscii("null");
        } else if (size > MAX_BYTES) {
            sink.truncate(start);
            sink.writeAscii("{\"omitted\":true,\"originalSizeBytes\":" + size + "}");
        }
    }
}
