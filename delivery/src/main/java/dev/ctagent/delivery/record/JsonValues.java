package dev.ctagent.delivery.record;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A small in-memory form of request-body JSON, so its top-level fields can be merged with the query
 * and form parameters before anything is written. Objects are {@link LinkedHashMap}s (a repeated
 * name keeps its last value, so the output never repeats a key), arrays {@link ArrayList}s, numbers
 * {@link NumberText} (their exact text), plus String, Boolean and null. Redaction happens while
 * reading: a hidden field's value is skipped, never decoded.
 */
final class JsonValues {
    /** A JSON number kept as written: nothing rounded, nothing reformatted. */
    static final class NumberText {
        final String text;

        NumberText(String text) {
            this.text = text;
        }
    }

    private JsonValues() {
    }

    /**
     * Reads the value whose first token is the parser's current token. Depth is bounded by the
     * parser's nesting constraint, so the recursion is too.
     */
    static Object read(JsonParser p, Redaction redaction) throws IOException {
        JsonToken t = p.currentToken();
        if (t == null) {
            throw new IOException("unexpected end of JSON");
        }
        switch (t) {
            case START_OBJECT:
                Map<String, Object> object = new LinkedHashMap<>();
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String name = JsonText.clean(p.currentName());
                    p.nextToken();
                    object.put(name, readField(p, name, redaction));
                }
                return object;
            case START_ARRAY:
                List<Object> array = new ArrayList<>();
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    array.add(read(p, redaction));
                }
                return array;
            case VALUE_STRING:
                return JsonText.clean(p.getText());
            case VALUE_NUMBER_INT:
            case VALUE_NUMBER_FLOAT:
                return new NumberText(p.getText());
            case VALUE_TRUE:
                return Boolean.TRUE;
            case VALUE_FALSE:
                return Boolean.FALSE;
            case VALUE_NULL:
                return null;
            default:
                throw new IOException("unexpected JSON token " + t);
        }
    }

    /** The value of field {@code name} (parser on its first token), or the hidden marker. */
    static Object readField(JsonParser p, String name, Redaction redaction) throws IOException {
        if (redaction.hides(name)) {
            p.skipChildren();
            return Redaction.HIDDEN;
        }
        return read(p, redaction);
    }

    @SuppressWarnings("unchecked")
    static void write(JsonGenerator g, Object value) throws IOException {
        if (value == null) {
            g.writeNull();
        } else if (value instanceof String) {
            g.writeString((String) value);
        } else if (value instanceof NumberText) {
            g.writeNumber(((NumberText) value).text);
        } else if (value instanceof Boolean) {
            g.writeBoolean((Boolean) value);
        } else if (value instanceof Map) {
            g.writeStartObject();
            for (Map.Entry<String, Object> e : ((Map<String, Object>) value).entrySet()) {
                g.writeFieldName(e.getKey());
                write(g, e.getValue());
            }
            g.writeEndObject();
        } else if (value instanceof List) {
            g.writeStartArray();
            for (Object element : (List<Object>) value) {
                write(g, element);
            }
            g.writeEndArray();
        } else {
            throw new IllegalArgumentException("not a JSON value: " + value.getClass().getName());
        }
    }
}
