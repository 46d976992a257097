package dev.ctagent.delivery.record;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.ctagent.runtime.capture.ServedCall;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Adds a captured JSON request body to the request parameters (only when the body was captured and
 * the Content-Type mentions {@code json}). A JSON object's fields join the parameters at the top
 * level; any other JSON value goes under {@code "body"}. A body that was cut at
 * {@code ct.capture.body.maxBytes}, or is not valid JSON (including invalid UTF-8, nesting deeper than
 * {@value #MAX_DEPTH} or more than {@value #MAX_TOKENS} tokens), adds only
 * {@code "body":{"omitted":true,"reason":"truncated"|"malformed"}}: nothing from it is written.
 */
final class JsonBodies {
    static final int MAX_DEPTH = 100;
    static final int MAX_TOKENS = 200_000;
    static final String BODY = "body";
    static final Map<String, Object> TRUNCATED = omitted("truncated");
    static final Map<String, Object> MALFORMED = omitted("malformed");

    private final JsonFactory factory;
    private final Redaction redaction;
    /** Name, value, name, value... of the body object: added only once the whole body parsed. */
    private final List<Object> fields = new ArrayList<>();

    JsonBodies(JsonFactory factory, Redaction redaction) {
        this.factory = factory;
        this.redaction = redaction;
    }

    void addTo(RequestParameters out, ServedCall call) {
        if (call.body == null || !isJson(call.contentType)) {
            return;
        }
        if (call.bodyTruncated) {
            out.add(BODY, TRUNCATED);
            return;
        }
        int length = Math.max(0, Math.min(call.bodyLength, call.body.length));
        fields.clear();
        try (JsonParser p = factory.createParser(call.body, 0, length)) {
            JsonToken first = p.nextToken();
            if (first == null) {
                return; // empty body: nothing to record
            }
            Object nonObject = null;
            if (first == JsonToken.START_OBJECT) {
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String name = JsonText.clean(p.currentName());
                    p.nextToken();
                    fields.add(name);
                    fields.add(JsonValues.readField(p, name, redaction));
                }
            } else {
                nonObject = JsonValues.read(p, redaction);
            }
            if (p.nextToken() != null) {
                throw new IOException("content after the JSON value");
            }
            if (first == JsonToken.START_OBJECT) {
                for (int i = 0; i < fields.size(); i += 2) {
                    out.add((String) fields.get(i), fields.get(i + 1));
                }
            } else {
                out.add(BODY, nonObject);
            }
        } catch (IOException | RuntimeException e) {
            out.add(BODY, MALFORMED); // whatever went wrong, nothing half-read is recorded
        } finally {
            fields.clear();
        }
    }

    static boolean isJson(String contentType) {
        return contentType != null && contentType.toLowerCase(Locale.ROOT).contains("json");
    }

    private static Map<String, Object> omitted(String reason) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("omitted", Boolean.TRUE);
        m.put("reason", reason);
        return Collections.unmodifiableMap(m);
    }
}
