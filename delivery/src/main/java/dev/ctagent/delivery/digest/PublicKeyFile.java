package dev.ctagent.delivery.digest;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;

/**
 * How a trail publishes its public keys next to its digests, one small JSON object per key at
 * {@code [<prefix>/]AWSLogs/<account>/CloudTrail-PublicKey/<region>/<fingerprint>.json}, shaped like one entry
 * of CloudTrail's ListPublicKeys answer but with readable times:
 * <pre>{"Value":"MIIBCgKCAQEA...","ValidityStartTime":"2024-01-02T03:04:05Z","ValidityEndTime":null,
 * "Fingerprint":"8eba5db5..."}</pre>
 * {@code Value} is base64 of the PKCS#1 DER; {@code ValidityEndTime} stays null while the key signs.
 */
public final class PublicKeyFile {
    private static final JsonFactory JSON = new JsonFactory();

    private PublicKeyFile() {}

    /** The folder holding an account and region's public keys (no trailing '/'). */
    public static String folder(String prefix, String accountId, String region) {
        return (prefix.isEmpty() ? "" : prefix + "/") + "AWSLogs/" + accountId + "/CloudTrail-PublicKey/" + region;
    }

    public static String key(String prefix, String accountId, String region, String fingerprint) {
        return folder(prefix, accountId, region) + "/" + fingerprint + ".json";
    }

    public static byte[] toJson(TrailPublicKey key) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(512);
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("Value", Base64.getEncoder().encodeToString(key.pkcs1Der()));
            g.writeStringField("ValidityStartTime", key.validityStart().toString());
            if (key.validityEnd() == null) {
                g.writeNullField("ValidityEndTime");
            } else {
                g.writeStringField("ValidityEndTime", key.validityEnd().toString());
            }
            g.writeStringField("Fingerprint", key.fingerprint());
            g.writeEndObject();
        } catch (IOException e) {
            throw new IllegalStateException("writing to memory", e);
        }
        out.write('\n');
        return out.toByteArray();
    }

    /** Reads a published key; the fingerprint is recomputed from the bytes, never trusted from the file. */
    public static TrailPublicKey fromJson(byte[] json) throws IOException {
        String value = null;
        Instant start = null;
        Instant end = null;
        try (JsonParser p = JSON.createParser(json)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new IOException("a public key file must hold a JSON object");
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.getCurrentName();
                JsonToken t = p.nextToken();
                if (t == JsonToken.VALUE_NULL) {
                    continue;
                }
                switch (field) {
                    case "Value": value = p.getText(); break;
                    case "ValidityStartTime": start = time(p.getText()); break;
                    case "ValidityEndTime": end = time(p.getText()); break;
                    default: p.skipChildren();
                }
            }
        }
        if (value == null || start == null) {
            throw new IOException("a public key file needs Value and ValidityStartTime");
        }
        try {
            return new TrailPublicKey(Base64.getDecoder().decode(value), start, end);
        } catch (IllegalArgumentException e) {
            throw new IOException("Value is not base64", e);
        }
    }

    private static Instant time(String text) throws IOException {
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw new IOException("not an ISO-8601 UTC time: " + text, e);
        }
    }
}
