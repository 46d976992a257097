package dev.ctagent.delivery.notify;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * One SNS envelope as a receiver got it (the body of a webhook POST, or of an SQS message from a non-raw
 * subscription), parsed strictly: one JSON object, no repeated keys, nothing after it.
 */
final class ReceivedEnvelope {
    static final JsonMapper STRICT = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private final String body;
    private final JsonNode json;

    private ReceivedEnvelope(String body, JsonNode json) {
        this.body = body;
        this.json = json;
    }

    static ReceivedEnvelope parse(String body) {
        try {
            JsonNode json = STRICT.readTree(body);
            if (json == null || !json.isObject()) {
                throw new AssertionError("not a JSON object: " + body);
            }
            return new ReceivedEnvelope(body, json);
        } catch (IOException e) {
            throw new UncheckedIOException("not valid JSON: " + body, e);
        }
    }

    String body() { return body; }
    JsonNode json() { return json; }
    String type() { return text("Type"); }
    String messageId() { return text("MessageId"); }
    String topicArn() { return text("TopicArn"); }
    String message() { return text("Message"); }

    /** A string field's value, or null when it is absent. */
    String text(String field) {
        JsonNode value = json.get(field);
        if (value != null && !value.isTextual()) {
            throw new AssertionError(field + " is not a JSON string: " + body);
        }
        return value == null ? null : value.textValue();
    }

    @Override
    public String toString() {
        return body;
    }
}
