package dev.ctagent.bridge;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * Where an {@link SdkModel} writes a model object: a JSON stream with CloudTrail's rules (member names in
 * lowerCamelCase, redaction by name, size caps) applied by the implementation. Writer thread only.
 */
public interface ModelWriter {
    void startObject();

    void endObject();

    void startArray();

    void endArray();

    /**
     * Writes the name of the next member. Returns false when its value must not be written: the writer
     * has already written {@code HIDDEN_DUE_TO_SECURITY_REASONS} for it (the name is redacted, or it is a
     * message body), and the caller skips the value.
     */
    boolean member(String sdkMemberName);

    /** Like {@link #member} for a map's key, which is data and is written as it is. */
    boolean key(String mapKey);

    /** A member the SDK's model marks sensitive: written as {@code HIDDEN_DUE_TO_SECURITY_REASONS}. */
    void hidden();

    /** A blob or stream: only its length is recorded. */
    void byteLength(long length);

    void string(String value);

    void number(long value);

    void number(double value);

    void number(BigDecimal value);

    void bool(boolean value);

    void timestamp(Instant value);

    void nullValue();

    /** How deep objects and arrays may nest before the model stops descending. */
    int MAX_DEPTH = 24;
}
