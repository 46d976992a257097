package dev.ctagent.delivery.record;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.ctagent.bridge.ModelWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * Writes an SDK model object into the record as CloudTrail writes request parameters and response
 * elements: member names in lowerCamelCase ({@code TableName} → {@code tableName}, {@code SSECustomerKey}
 * → {@code sseCustomerKey}; S3's {@code Bucket} → {@code bucketName} as S3's own records say), map keys as
 * they are, and {@value Redaction#HIDDEN} for members the model marks sensitive, names matching
 * {@code ct.redact.keys} and message payloads ({@link SdkPayloads}). A blob is written as
 * {@code {"byteLength":N}}. Writer thread only; one instance reused for every record.
 */
final class ModelJsonWriter implements ModelWriter {
    private final Redaction redaction;
    private final Map<String, String> names = new HashMap<>();
    private JsonGenerator g;
    private Set<String> payloads;
    private boolean s3;
    private int depth;

    ModelJsonWriter(Redaction redaction) {
        this.redaction = redaction;
    }

    /** Starts one object: the members of {@code payloads} are hidden, S3's naming applies when asked. */
    ModelJsonWriter on(JsonGenerator generator, Set<String> payloadMembers, boolean s3Naming) {
        this.g = generator;
        this.payloads = payloadMembers;
        this.s3 = s3Naming;
        this.depth = 0;
        return this;
    }

    @Override
    public void startObject() {
        depth++;
        try {
            g.writeStartObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void endObject() {
        depth--;
        try {
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void startArray() {
        depth++;
        try {
            g.writeStartArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void endArray() {
        depth--;
        try {
            g.writeEndArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public boolean member(String sdkMemberName) {
        String name = lowerCamel(sdkMemberName);
        if (s3 && depth == 1 && name.equals("bucket")) {
            name = "bucketName";
        }
        return field(name, payloads.contains(name));
    }

    @Override
    public boolean key(String mapKey) {
        return field(JsonText.clean(mapKey), false);
    }

    private boolean field(String name, boolean payload) {
        try {
            g.writeFieldName(name);
            if (payload || redaction.hides(name)) {
                g.writeString(Redaction.HIDDEN);
                return false;
            }
            return true;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void hidden() {
        try {
            g.writeString(Redaction.HIDDEN);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void byteLength(long length) {
        try {
            g.writeStartObject();
            g.writeNumberField("byteLength", length);
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void string(String value) {
        try {
            g.writeString(JsonText.clean(value));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void number(long value) {
        try {
            g.writeNumber(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void number(double value) {
        try {
            if (Double.isNaN(value) || Double.isInfinite(value)) {
                g.writeString(Double.toString(value));
            } else {
                g.writeNumber(value);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void number(BigDecimal value) {
        try {
            g.writeNumber(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void bool(boolean value) {
        try {
            g.writeBoolean(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void timestamp(Instant value) {
        try {
            g.writeString(value.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void nullValue() {
        try {
            g.writeNull();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code TableName} → {@code tableName}; a leading acronym is lowered whole: {@code SSEKey} → {@code sseKey}. */
    String lowerCamel(String sdkName) {
        String cached = names.get(sdkName);
        if (cached != null) {
            return cached;
        }
        int upper = 0;
        while (upper < sdkName.length() && Character.isUpperCase(sdkName.charAt(upper))) {
            upper++;
        }
        String out;
        if (upper == 0) {
            out = sdkName;
        } else {
            // Of a run of capitals followed by lower case, the last capital starts the next word.
            int lowerTo = upper == sdkName.length() || upper == 1 ? upper : upper - 1;
            out = sdkName.substring(0, lowerTo).toLowerCase(java.util.Locale.ROOT) + sdkName.substring(lowerTo);
        }
        out = JsonText.clean(out);
        if (names.size() < 8192) {
            names.put(sdkName, out);
        }
        return out;
    }
}
