package dev.ctagent.delivery.validation;

import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.NoSuchProviderException;
import org.bouncycastle.util.encoders.Hex;

/**
 * Checks a log file against the hash its digest lists: stream-inflates the one gzip member and compares the
 * lower-case hex SHA-256 of the inflated bytes with exact string equality (as the AWS CLI compares with
 * Python's {@code hexdigest()}). Never parses the JSON. One instance per thread.
 *
 * <p>Classification: missing object → not found; bytes after the member → unexpected data; not gzip, bad
 * deflate data or a wrong CRC-32/ISIZE → invalid format (zlib raises there, and the CLI says "invalid
 * format"). A stream that ends inside the member is what zlib's streaming inflater silently accepts: the CLI
 * then compares the hash of what it could inflate, so we say "hash value doesn't match" when that hash
 * differs, and "invalid format" when it does not (a file missing only its trailer, which the CLI would call
 * valid).
 */
final class LogFileHasher {
    private final GzipMemberReader gzip = new GzipMemberReader();
    private final MessageDigest sha256 = sha256();
    private long lastBytes;

    LogFileOutcome check(TrailStore store, String key, String expectedHex) {
        lastBytes = 0;
        if (store == null || key == null) {
            return LogFileOutcome.NOT_FOUND;
        }
        sha256.reset();
        GzipMemberReader.Status status;
        try (InputStream in = store.open(key)) {
            status = gzip.read(in, sha256::update);
        } catch (NoSuchKeyException e) {
            return LogFileOutcome.NOT_FOUND;
        } catch (IOException | RuntimeException e) {
            lastBytes = gzip.compressedBytes();
            return LogFileOutcome.INVALID_FORMAT;
        }
        lastBytes = gzip.compressedBytes();
        switch (status) {
            case COMPLETE:
                if (expectedHex == null) {
                    return LogFileOutcome.INVALID_FORMAT;
                }
                return Hex.toHexString(sha256.digest()).equals(expectedHex)
                        ? LogFileOutcome.VALID : LogFileOutcome.HASH_MISMATCH;
            case TRAILING_DATA:
                return LogFileOutcome.TRAILING_DATA;
            case TRUNCATED:
                if (expectedHex == null) {
                    return LogFileOutcome.INVALID_FORMAT;
                }
                return Hex.toHexString(sha256.digest()).equals(expectedHex)
                        ? LogFileOutcome.INVALID_FORMAT : LogFileOutcome.HASH_MISMATCH;
            default:
                return LogFileOutcome.INVALID_FORMAT;
        }
    }

    /** Compressed bytes the last {@link #check} read. */
    long lastBytes() {
        return lastBytes;
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256", "SUN"); // the JDK's, with its CPU intrinsics
        } catch (NoSuchAlgorithmException | NoSuchProviderException e) {
            try {
                return MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException impossible) {
                throw new IllegalStateException("SHA-256 is a required JCA algorithm", impossible);
            }
        }
    }
}
