package dev.ctagent.delivery.digest;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;

/**
 * The JSON of one digest file, fields in the order of AWS's samples (cloudtrail-formats.md §2.3). Compact,
 * UTF-8; the signature covers the SHA-256 of exactly these bytes.
 */
public final class DigestDocument {
    /** The previous digest of the chain, or all nulls for the first one. */
    public static final class Previous {
        public static final Previous NONE = new Previous(null, null, null, null);
        final String bucket;
        final String key;
        final String sha256Hex;
        final String signatureHex;

        public Previous(String bucket, String key, String sha256Hex, String signatureHex) {
            this.bucket = bucket;
            this.key = key;
            this.sha256Hex = sha256Hex;
            this.signatureHex = signatureHex;
        }

        public String bucket() { return bucket; }
        public String key() { return key; }
        public String sha256Hex() { return sha256Hex; }
        public String signatureHex() { return signatureHex; }
    }

    private static final JsonFactory JSON = new JsonFactory();

    private DigestDocument() {}

    /**
     * @param startTime CloudTrail time text of the window start (inclusive)
     * @param endTime CloudTrail time text of the window end; it also goes verbatim into the signing string
     * @param oldestEventTime null when {@code logFiles} is empty
     */
    public static byte[] toJson(String accountId, String startTime, String endTime, String bucket, String key,
            String fingerprint, String oldestEventTime, String newestEventTime, Previous previous,
            List<DigestedLogFile> logFiles) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(512 + logFiles.size() * 320);
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("awsAccountId", accountId);
            g.writeStringField("digestStartTime", startTime);
            g.writeStringField("digestEndTime", endTime);
            g.writeStringField("digestS3Bucket", bucket);
            g.writeStringField("digestS3Object", key);
            g.writeStringField("digestPublicKeyFingerprint", fingerprint);
            g.writeStringField("digestSignatureAlgorithm", DigestSignatures.ALGORITHM);
            nullable(g, "newestEventTime", newestEventTime);
            nullable(g, "oldestEventTime", oldestEventTime);
            nullable(g, "previousDigestS3Bucket", previous.bucket);
            nullable(g, "previousDigestS3Object", previous.key);
            nullable(g, "previousDigestHashValue", previous.sha256Hex);
            nullable(g, "previousDigestHashAlgorithm", previous.sha256Hex == null ? null : "SHA-256");
            nullable(g, "previousDigestSignature", previous.signatureHex);
            g.writeArrayFieldStart("logFiles");
            for (DigestedLogFile f : logFiles) {
                g.writeStartObject();
                g.writeStringField("s3Bucket", f.bucket());
                g.writeStringField("s3Object", f.key());
                g.writeStringField("hashValue", f.sha256Hex());
                g.writeStringField("hashAlgorithm", "SHA-256");
                g.writeStringField("newestEventTime", f.newestEventTime());
                g.writeStringField("oldestEventTime", f.oldestEventTime());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        } catch (IOException e) {
            throw new IllegalStateException("writing to memory", e);
        }
        return out.toByteArray();
    }

    private static void nullable(JsonGenerator g, String field, String value) throws IOException {
        if (value == null) {
            g.writeNullField(field);
        } else {
            g.writeStringField(field, value);
        }
    }
}
