package dev.ctagent.delivery.digest;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where a digest's signature lives when there is no S3 user metadata (the local directory): a sidecar
 * object next to it, {@code <digest key>.metadata.json}, holding exactly the user metadata S3 would carry:
 * <pre>{"signature":"a3f1...","signature-algorithm":"SHA256withRSA"}</pre>
 * The name does not end in {@code .json.gz}, so CloudTrail tools listing the digest folder skip it.
 */
public final class SignatureSidecar {
    public static final String SUFFIX = ".metadata.json";
    public static final String SIGNATURE = "signature";
    public static final String SIGNATURE_ALGORITHM = "signature-algorithm";
    private static final JsonFactory JSON = new JsonFactory();

    private SignatureSidecar() {}

    public static String keyFor(String digestKey) {
        return digestKey + SUFFIX;
    }

    /** The user metadata a signed digest carries: {@code signature} and {@code signature-algorithm}. */
    public static Map<String, String> metadata(String signatureHex) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put(SIGNATURE, signatureHex);
        m.put(SIGNATURE_ALGORITHM, DigestSignatures.ALGORITHM);
        return m;
    }

    public static byte[] toJson(Map<String, String> metadata) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(640);
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.writeStartObject();
            for (Map.Entry<String, String> e : metadata.entrySet()) {
                g.writeStringField(e.getKey(), e.getValue());
            }
            g.writeEndObject();
        } catch (IOException e) {
            throw new IllegalStateException("writing to memory", e);
        }
        out.write('\n');
        return out.toByteArray();
    }

    /** The string fields of the sidecar; anything else in it is ignored. */
    public static Map<String, String> fromJson(byte[] json) throws IOException {
        Map<String, String> m = new LinkedHashMap<>();
        try (JsonParser p = JSON.createParser(json)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new IOException("a signature sidecar must hold a JSON object");
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.getCurrentName();
                if (p.nextToken() == JsonToken.VALUE_STRING) {
                    m.put(field, p.getText());
                } else {
                    p.skipChildren();
                }
            }
        }
        return m;
    }
}
