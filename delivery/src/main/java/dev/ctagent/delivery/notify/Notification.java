package dev.ctagent.delivery.notify;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/** One message to publish: its text as CloudTrail publishes it, an id kept across retries, and its time. */
public final class Notification {
    /** What CloudTrail publishes once when a topic is configured, before any delivery notice. */
    public static final String VALIDATION_MESSAGE = "CloudTrail validation message.";
    private static final JsonFactory JSON = new JsonFactory();

    private final String messageId;
    private final String message;
    private final Instant timestamp;

    public Notification(String messageId, String message, Instant timestamp) {
        this.messageId = Objects.requireNonNull(messageId);
        this.message = Objects.requireNonNull(message);
        this.timestamp = Objects.requireNonNull(timestamp);
    }

    public static Notification validationMessage(Instant now) {
        return new Notification(UUID.randomUUID().toString(), VALIDATION_MESSAGE, now);
    }

    /** CloudTrail's notice: {@code {"s3Bucket":"b","s3ObjectKey":["k1","k2"]}} (compact JSON). */
    public static Notification logFilesDelivered(String bucket, List<String> keys, Instant now) {
        StringWriter text = new StringWriter(64 + keys.size() * 128);
        try (JsonGenerator g = JSON.createGenerator(text)) {
            g.writeStartObject();
            g.writeStringField("s3Bucket", bucket);
            g.writeArrayFieldStart("s3ObjectKey");
            for (String key : keys) {
                g.writeString(key);
            }
            g.writeEndArray();
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a StringWriter does not fail
        }
        return new Notification(UUID.randomUUID().toString(), text.toString(), now);
    }

    /** A UUID, the same on every attempt. */
    public String messageId() { return messageId; }
    /** The published text (SNS {@code Message}). */
    public String message() { return message; }
    /** When the notice was made (SNS {@code Timestamp} for the webhook). */
    public Instant timestamp() { return timestamp; }

    @Override
    public String toString() {
        return "Notification[" + messageId + " " + message + "]";
    }
}
