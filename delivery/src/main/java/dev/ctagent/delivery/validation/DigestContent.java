package dev.ctagent.delivery.validation;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.bouncycastle.util.encoders.Hex;

/**
 * A digest file as the validator reads it: the inflated bytes exactly as stored (what the signature's hash
 * covers), their SHA-256, the top-level fields (present or not, JSON null or text) and the listed log files.
 */
final class DigestContent {
    /** Present in every digest the AWS CLI accepts (even when null); else "invalid format". */
    static final String[] REQUIRED = {"digestPublicKeyFingerprint", "digestS3Bucket", "digestS3Object",
        "previousDigestSignature", "digestEndTime", "digestStartTime"};

    /** One {@code logFiles[]} entry; any field may be missing (null). */
    static final class ListedLog {
        final String bucket;
        final String key;
        final String hashValue;

        ListedLog(String bucket, String key, String hashValue) {
            this.bucket = bucket;
            this.key = key;
            this.hashValue = hashValue;
        }
    }

    private static final JsonFactory JSON = new JsonFactory();

    final String sha256Hex;
    private final Map<String, String> fields;
    final List<ListedLog> logFiles;

    private DigestContent(String sha256Hex, Map<String, String> fields, List<ListedLog> logFiles) {
        this.sha256Hex = sha256Hex;
        this.fields = fields;
        this.logFiles = logFiles;
    }

    boolean has(String field) {
        return fields.containsKey(field);
    }

    /** The field's text; null when JSON null or missing. */
    String get(String field) {
        return fields.get(field);
    }

    /**
     * Inflates the gzip bytes (the first member; bytes after it are ignored, as the CLI's one-shot zlib
     * ignores them) and parses the JSON.
     *
     * @return null when the bytes are not gzip of a JSON object ("invalid format")
     */
    static DigestContent read(InputStream gzipBytes, GzipMemberReader gzip) throws IOException {
        ByteArrayOutputStream json = new ByteArrayOutputStream(4096);
        GzipMemberReader.Status status = gzip.read(gzipBytes, json::write);
        if (status != GzipMemberReader.Status.COMPLETE && status != GzipMemberReader.Status.TRAILING_DATA) {
            return null;
        }
        return parse(json.toByteArray());
    }

    /** @return null when {@code json} is not one JSON object */
    static DigestContent parse(byte[] json) {
        Map<String, String> fields = new HashMap<>();
        List<ListedLog> logs = new ArrayList<>();
        try (JsonParser p = JSON.createParser(json)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken t = p.nextToken();
                if (field.equals("logFiles")) {
                    logs.clear();
                    if (t == JsonToken.START_ARRAY) {
                        readLogs(p, logs);
                    } else {
                        p.skipChildren();
                    }
                    fields.put(field, t == JsonToken.VALUE_NULL ? null : "[]");
                } else if (t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY) {
                    p.skipChildren();
                    fields.put(field, t == JsonToken.START_OBJECT ? "{}" : "[]");
                } else {
                    fields.put(field, t == JsonToken.VALUE_NULL ? null : p.getText());
                }
            }
            if (p.currentToken() != JsonToken.END_OBJECT || p.nextToken() != null) {
                return null;
            }
        } catch (IOException e) {
            return null;
        }
        MessageDigest sha256 = LogFileHasher.sha256();
        return new DigestContent(Hex.toHexString(sha256.digest(json)), fields, Collections.unmodifiableList(logs));
    }

    private static void readLogs(JsonParser p, List<ListedLog> logs) throws IOException {
        while (p.nextToken() != JsonToken.END_ARRAY) {
            if (p.currentToken() != JsonToken.START_OBJECT) {
                p.skipChildren();
                logs.add(new ListedLog(null, null, null));
                continue;
            }
            String bucket = null;
            String key = null;
            String hash = null;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken t = p.nextToken();
                if (t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY) {
                    p.skipChildren();
                    continue;
                }
                String text = t == JsonToken.VALUE_NULL ? null : p.getText();
                switch (field) {
                    case "s3Bucket": bucket = text; break;
                    case "s3Object": key = text; break;
                    case "hashValue": hash = text; break;
                    default: break;
                }
            }
            logs.add(new ListedLog(bucket, key, hash));
        }
    }
}
