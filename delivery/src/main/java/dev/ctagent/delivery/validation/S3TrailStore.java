package dev.ctagent.delivery.validation;

import dev.ctagent.delivery.aws.S3Failures;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CommonPrefix;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * A trail in an S3 bucket (or an S3-compatible store), read with the calls the AWS CLI's validator makes:
 * ListObjects (V2, every page), GetObject, HeadObject for the user metadata. Closing it closes the client.
 */
public final class S3TrailStore implements TrailStore, Closeable {
    private final S3Client s3;
    private final String bucket;
    private final Integer pageSize;

    public S3TrailStore(S3Client s3, String bucket) {
        this(s3, bucket, null);
    }

    /** With pages of {@code pageSize} keys (null: S3's 1000), so tests can list many pages cheaply. */
    S3TrailStore(S3Client s3, String bucket, Integer pageSize) {
        this.s3 = Objects.requireNonNull(s3, "s3");
        this.bucket = Objects.requireNonNull(bucket, "bucket");
        this.pageSize = pageSize;
    }

    @Override
    public String bucket() {
        return bucket;
    }

    @Override
    public List<String> list(String prefix) throws IOException {
        List<String> keys = new ArrayList<>();
        try {
            for (S3Object o : s3.listObjectsV2Paginator(listing(prefix).build()).contents()) {
                keys.add(o.key());
            }
        } catch (SdkException e) {
            throw S3Failures.of("ListObjectsV2", bucket, prefix, e);
        }
        // S3 lists in this order already; S3-compatible stores are not all so careful
        keys.sort(LocalTrailStore.BYTE_ORDER);
        return keys;
    }

    @Override
    public List<String> listFolders(String prefix) throws IOException {
        List<String> folders = new ArrayList<>();
        try {
            for (CommonPrefix p : s3.listObjectsV2Paginator(listing(prefix).delimiter("/").build()).commonPrefixes()) {
                folders.add(p.prefix());
            }
        } catch (SdkException e) {
            throw S3Failures.of("ListObjectsV2", bucket, prefix, e);
        }
        folders.sort(LocalTrailStore.BYTE_ORDER);
        return folders;
    }

    private ListObjectsV2Request.Builder listing(String prefix) {
        ListObjectsV2Request.Builder b = ListObjectsV2Request.builder().bucket(bucket).maxKeys(pageSize);
        return prefix.isEmpty() ? b : b.prefix(prefix);
    }

    @Override
    public InputStream open(String key) throws IOException {
        try {
            return s3.getObject(b -> b.bucket(bucket).key(key));
        } catch (SdkException e) {
            throw failure("GetObject", key, e);
        }
    }

    @Override
    public Map<String, String> metadata(String key) throws IOException {
        try {
            return s3.headObject(b -> b.bucket(bucket).key(key)).metadata();
        } catch (SdkException e) {
            throw failure("HeadObject", key, e);
        }
    }

    /**
     * {@code NoSuchKey}, or a 404 without an error code (a HEAD answer has no body to carry one), is a
     * missing object; anything else is a failure of the store.
     */
    private IOException failure(String operation, String key, SdkException e) {
        String code = S3Failures.errorCode(e);
        boolean headNotFound = S3Failures.status(e) == 404 && (code == null || code.isEmpty() || code.equals("404")
                || code.equals("Not Found"));
        if (e instanceof software.amazon.awssdk.services.s3.model.NoSuchKeyException || "NoSuchKey".equals(code)
                || headNotFound) {
            NoSuchKeyException missing = new NoSuchKeyException(bucket, key);
            missing.initCause(e);
            return missing;
        }
        return S3Failures.of(operation, bucket, key, e);
    }

    @Override
    public void close() {
        s3.close();
    }
}
