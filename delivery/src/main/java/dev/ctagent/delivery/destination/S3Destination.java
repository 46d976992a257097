package dev.ctagent.delivery.destination;

import dev.ctagent.delivery.aws.S3Failures;
import dev.ctagent.delivery.aws.SdkClients;
import dev.ctagent.runtime.config.S3Settings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;

/**
 * Delivers into an S3 bucket (or an S3-compatible store) with one PutObject per object, so an object is
 * either absent or complete, as CloudTrail's are: log files and digests carry {@code Content-Type:
 * application/json} and {@code Content-Encoding: gzip}; digests carry their signature as user metadata
 * ({@code x-amz-meta-signature}, {@code x-amz-meta-signature-algorithm}); every object gets the configured
 * server-side encryption. A failed call becomes an {@link IOException} naming the bucket, key, HTTP status
 * and S3 error code; the caller retries.
 */
public final class S3Destination implements Destination {
    static final String JSON = "application/json";
    static final String GZIP = "gzip";
    static final String BINARY = "application/octet-stream";

    private final S3Client s3;
    private final String bucket;
    private final S3Settings.Sse sse;
    private final String kmsKeyId;

    /**
     * @param sse the encryption requested on every object ({@link S3Settings.Sse#NONE}: the bucket's default)
     * @param kmsKeyId the key for {@link S3Settings.Sse#KMS}, or null for the account's default S3 key
     */
    public S3Destination(S3Client s3, String bucket, S3Settings.Sse sse, String kmsKeyId) {
        this.s3 = Objects.requireNonNull(s3, "s3");
        this.bucket = Objects.requireNonNull(bucket, "bucket");
        this.sse = Objects.requireNonNull(sse, "sse");
        this.kmsKeyId = sse == S3Settings.Sse.KMS ? kmsKeyId : null;
    }

    public S3Destination(S3Client s3, S3Settings settings) {
        this(s3, settings.bucket(), settings.sse(), settings.kmsKeyId());
    }

    /** A destination with the agent's own client for {@code ct.s3.*} (see {@link SdkClients}). */
    public static S3Destination create(S3Settings settings) {
        return new S3Destination(SdkClients.s3(settings), settings);
    }

    @Override
    public String location() {
        return "s3://" + bucket;
    }

    @Override
    public void deliver(String key, Path local) throws IOException {
        long size = Files.size(local); // a missing file fails here, before any request
        putObject(key, RequestBody.fromFile(local), size, Map.of());
        try {
            Files.delete(local);
        } catch (IOException e) {
            // All or nothing: a local copy that stays would be delivered again under a new key, so the
            // object goes and the file stays for the next attempt.
            IOException failure = new IOException("delivered s3://" + bucket + "/" + key
                    + " but could not remove " + local + "; the object is withdrawn", e);
            withdraw(key, failure);
            throw failure;
        }
    }

    @Override
    public void put(String key, byte[] body, Map<String, String> metadata) throws IOException {
        putObject(key, RequestBody.fromBytes(body), body.length, metadata);
    }

    private void putObject(String key, RequestBody body, long size, Map<String, String> metadata) throws IOException {
        PutObjectRequest.Builder request = PutObjectRequest.builder()
                .bucket(bucket)
                .key(key)
                .contentLength(size)
                .contentType(contentType(key))
                .metadata(metadata);
        if (key.endsWith(".json.gz")) {
            request.contentEncoding(GZIP);
        }
        if (sse == S3Settings.Sse.AES256) {
            request.serverSideEncryption(ServerSideEncryption.AES256);
        } else if (sse == S3Settings.Sse.KMS) {
            request.serverSideEncryption(ServerSideEncryption.AWS_KMS);
            if (kmsKeyId != null) {
                request.ssekmsKeyId(kmsKeyId);
            }
        }
        try {
            s3.putObject(request.build(), body);
        } catch (SdkException e) {
            throw S3Failures.of("PutObject", bucket, key, e);
        }
    }

    /** Log files and digests are gzip'd JSON; public keys are JSON. */
    static String contentType(String key) {
        return key.endsWith(".json.gz") || key.endsWith(".json") ? JSON : BINARY;
    }

    private void withdraw(String key, IOException failure) {
        try {
            s3.deleteObject(b -> b.bucket(bucket).key(key));
        } catch (SdkException e) {
            failure.addSuppressed(S3Failures.of("DeleteObject", bucket, key, e));
        }
    }

    /** Closes the S3 client (its connections). */
    @Override
    public void close() {
        s3.close();
    }
}
