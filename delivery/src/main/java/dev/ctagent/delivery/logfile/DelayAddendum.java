package dev.ctagent.delivery.logfile;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamWriteFeature;
import java.io.IOException;
import java.io.OutputStream;

/**
 * Marks a record as delivered late, the way CloudTrail does: {@code "addendum":{"reason":"DELIVERY_DELAY"}}
 * right after {@code eventCategory} (or last, when there is none). Every other field is copied verbatim, in
 * order, eventID included, so the record still describes the same event.
 */
public final class DelayAddendum {
    public static final String REASON = "DELIVERY_DELAY";
    private static final JsonFactory JSON =
            JsonFactory.builder().disable(StreamWriteFeature.AUTO_CLOSE_TARGET).build();

    private DelayAddendum() {}

    /**
     * Writes {@code record} (one compact JSON object without an addendum) with the addendum added. Leaves
     * {@code out} open.
     */
    public static void insert(byte[] record, int length, OutputStream out) throws IOException {
        boolean added = false;
        try (JsonParser in = JSON.createParser(record, 0, length);
                JsonGenerator gen = JSON.createGenerator(out)) {
            if (in.nextToken() != JsonToken.START_OBJECT) {
                throw new IOException("a record must be a JSON object");
            }
            gen.writeStartObject();
            while (in.nextToken() == JsonToken.FIELD_NAME) {
                boolean isCategory = "eventCategory".equals(in.currentName());
                gen.copyCurrentStructureExact(in);
                if (isCategory && !added) {
                    write(gen);
                    added = true;
                }
            }
            if (!added) {
                write(gen);
            }
            gen.writeEndObject();
        }
    }

    private static void write(JsonGenerator gen) throws IOException {
        gen.writeObjectFieldStart("addendum");
        gen.writeStringField("reason", REASON);
        gen.writeEndObject();
    }
}
