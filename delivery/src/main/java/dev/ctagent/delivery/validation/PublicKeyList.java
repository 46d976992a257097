package dev.ctagent.delivery.validation;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import dev.ctagent.delivery.digest.TrailPublicKey;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * CloudTrail's ListPublicKeys answer on the JSON wire (cloudtrail-formats.md §2.6):
 * <pre>{"PublicKeyList":[{"Value":"MIIBCgKCAQEA...","ValidityStartTime":1700000000,
 * "ValidityEndTime":1702592000,"Fingerprint":"8eba5db5..."}]}</pre>
 * {@code Value} is base64 of the PKCS#1 DER, times are epoch seconds (JSON numbers). Reading also takes the
 * times as ISO-8601 text, which is how {@code aws cloudtrail list-public-keys} prints them.
 */
public final class PublicKeyList {
    private static final JsonFactory JSON = new JsonFactory();

    private PublicKeyList() {}

    /**
     * The answer for {@code keys}; a key still in use (no validity end) is given {@code currentKeysEnd} as
     * its end, as CloudTrail does.
     */
    public static String toJson(List<TrailPublicKey> keys, Instant currentKeysEnd) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256 + keys.size() * 512);
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.writeStartObject();
            g.writeArrayFieldStart("PublicKeyList");
            for (TrailPublicKey k : keys) {
                g.writeStartObject();
                g.writeStringField("Value", Base64.getEncoder().encodeToString(k.pkcs1Der()));
                g.writeFieldName("ValidityStartTime");
                g.writeNumber(epochSeconds(k.validityStart()));
                g.writeFieldName("ValidityEndTime");
                g.writeNumber(epochSeconds(k.validityEnd() == null ? currentKeysEnd : k.validityEnd()));
                g.writeStringField("Fingerprint", k.fingerprint());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        } catch (IOException e) {
            throw new IllegalStateException("writing to memory", e);
        }
        return new String(out.toByteArray(), StandardCharsets.UTF_8);
    }

    /**
     * The keys of an answer. Each key's fingerprint is recomputed from its bytes; a {@code Fingerprint} that
     * disagrees is an error, so a pinned key cannot be filed under another key's name.
     *
     * @throws IOException naming what is wrong
     */
    public static List<TrailPublicKey> parse(byte[] json) throws IOException {
        List<TrailPublicKey> keys = new ArrayList<>();
        boolean seen = false;
        try (JsonParser p = JSON.createParser(json)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new IOException("expected a JSON object {\"PublicKeyList\":[...]}");
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken t = p.nextToken();
                if (!field.equals("PublicKeyList")) {
                    p.skipChildren();
                    continue;
                }
                if (t != JsonToken.START_ARRAY) {
                    throw new IOException("PublicKeyList must be an array");
                }
                seen = true;
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    if (p.currentToken() != JsonToken.START_OBJECT) {
                        throw new IOException("each PublicKeyList entry must be an object");
                    }
                    keys.add(entry(p, keys.size()));
                }
            }
        } catch (JsonProcessingException e) {
            throw new IOException("not valid JSON: " + e.getOriginalMessage(), e);
        }
        if (!seen) {
            throw new IOException("no PublicKeyList in it");
        }
        return keys;
    }

    private static TrailPublicKey entry(JsonParser p, int index) throws IOException {
        String value = null;
        String fingerprint = null;
        Instant start = null;
        Instant end = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            JsonToken t = p.nextToken();
            switch (field) {
                case "Value": value = t == JsonToken.VALUE_NULL ? null : p.getText(); break;
                case "Fingerprint": fingerprint = t == JsonToken.VALUE_NULL ? null : p.getText(); break;
                case "ValidityStartTime": start = time(p, t); break;
                case "ValidityEndTime": end = time(p, t); break;
                default: p.skipChildren();
            }
        }
        String where = "PublicKeyList[" + index + "]";
        if (value == null) {
            throw new IOException(where + " has no Value");
        }
        byte[] der;
        try {
            der = Base64.getMimeDecoder().decode(value);
        } catch (IllegalArgumentException e) {
            throw new IOException(where + ".Value is not base64", e);
        }
        TrailPublicKey key = new TrailPublicKey(der, start == null ? Instant.EPOCH : start, end);
        if (fingerprint != null && !fingerprint.equalsIgnoreCase(key.fingerprint())) {
            throw new IOException(where + ".Fingerprint " + fingerprint + " is not the MD5 of its Value ("
                    + key.fingerprint() + ")");
        }
        return key;
    }

    private static Instant time(JsonParser p, JsonToken t) throws IOException {
        if (t == JsonToken.VALUE_NULL) {
            return null;
        }
        if (t == JsonToken.VALUE_NUMBER_INT || t == JsonToken.VALUE_NUMBER_FLOAT) {
            BigDecimal seconds = p.getDecimalValue();
            long whole = seconds.longValue();
            int nanos = seconds.subtract(BigDecimal.valueOf(whole)).movePointRight(9).intValue();
            return Instant.ofEpochSecond(whole, nanos);
        }
        if (t == JsonToken.VALUE_STRING) {
            String text = p.getText();
            try {
                return OffsetDateTime.parse(text).toInstant();
            } catch (DateTimeParseException e) {
                try {
                    return UtcTimes.parse(text);
                } catch (IllegalArgumentException e2) {
                    throw new IOException("not a time: " + text, e2);
                }
            }
        }
        throw new IOException("a validity time must be a number or a string");
    }

    private static String epochSeconds(Instant t) {
        if (t.getNano() == 0) {
            return Long.toString(t.getEpochSecond());
        }
        return BigDecimal.valueOf(t.getEpochSecond()).add(BigDecimal.valueOf(t.getNano(), 9))
                .stripTrailingZeros().toPlainString();
    }
}
