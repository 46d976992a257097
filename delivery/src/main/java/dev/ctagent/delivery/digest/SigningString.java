package dev.ctagent.delivery.digest;

import java.nio.charset.StandardCharsets;

/**
 * The exact bytes a digest's signature covers (cloudtrail-formats.md §2.5): four fields joined by a single
 * LF, no trailing newline, UTF-8. Both the signer and the validator build it here.
 */
public final class SigningString {
    private SigningString() {}

    /**
     * @param digestEndTime the digest's {@code digestEndTime} JSON string, verbatim
     * @param digestBucket {@code digestS3Bucket} from the digest
     * @param digestKey {@code digestS3Object} from the digest
     * @param digestSha256Hex lower-case hex SHA-256 of the uncompressed digest bytes exactly as stored
     * @param previousSignature {@code previousDigestSignature}, or null for the first digest of a chain
     */
    public static byte[] of(String digestEndTime, String digestBucket, String digestKey, String digestSha256Hex,
            String previousSignature) {
        String s = digestEndTime + "\n" + digestBucket + "/" + digestKey + "\n" + digestSha256Hex + "\n"
                + (previousSignature == null ? "null" : previousSignature);
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
