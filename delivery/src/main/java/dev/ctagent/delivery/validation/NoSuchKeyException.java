package dev.ctagent.delivery.validation;

import java.io.IOException;

/** S3's {@code NoSuchKey}: the object does not exist (or its bucket is not one the store can read). */
public final class NoSuchKeyException extends IOException {
    private static final long serialVersionUID = 1L;

    public NoSuchKeyException(String bucket, String key) {
        super("NoSuchKey: s3://" + bucket + "/" + key);
    }
}
