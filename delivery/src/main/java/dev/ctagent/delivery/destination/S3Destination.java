package dev.ctagent.delivery.destination;

import dev.ctagent.delivery.aws.SdkClients;
import dev.ctagent.runtime.config.S3Settings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;

/**
 * Delivers into an S3 bucket (or an S3-compatible store) through the agent's own, relocated AWS SDK. Every
 * object is one PutObject, which S3 makes visible whole or not at all. Log files and digests carry
 * {@code Content-Type: application/json} and {@code Content-Encoding: gzip} as CloudTrail's objects do;
 * digests carry their signature as the user metadata {@code signature} / {@code signature-algorithm}.
 */
public final class S3Destination implements Destination {
    private final S3Client s3;
    private final String bucket;
    private final S3Settings.Sse sse;
    private final String kmsKeyId;

    public S3Destination(S3Client s3, String bucket, S3Settings.Sse sse, String kmsKeyId) {
        this.s3 = s3;
        this.bucket = bucket;
        this.sse = sse;
        this.kmsKeyId = kmsKeyId;
    }

    /** A destination with its own client, as the settings say (credentials from the standard chain). */
    public static S3Destination create(S3Settings settings) {
        return new S3Destination(SdkClients.s3(settings), settings.bucket(), settings.sse(), settings.kmsKeyId());
    }

    @Override
    public void deliver(String key, Path file) throws IOException {
        put(request(key, Map.of()), RequestBody.fromFile(file), key);
        Files.deleteIfExists(file);
    }

    @Override
    public void put(String key, byte[] body, Map<String, String> metadata) throws IOException {
        put(request(key, metadata), RequestBody.fromBytes(body), key);
    }

    @Override
    public String location() {
        return "s3://" + bucket;
    }

    @Override
    public void close() {
        s3.close();
    }

    private PutObjectRequest request(String key, Map<String, String> metadata) {
        PutObjectRequest.Builder b = PutObjectRequest.builder().bucket(bucket).key(key).metadata(metadata);
        if (key.endsWith(".json.gz")) {
            b.contentType("application/json").contentEncoding("gzip");
        } else if (key.endsWith(".json")) {
            b.contentType("application/json");
        } else if (key.endsWith(".pem")) {
            b.contentType("application/x-pem-file");
        }
        if (sse == S3Settings.Sse.AES256) {
            b.serverSideEncryption(ServerSideEncryption.AES256);
        } else if (sse == S3Settings.Sse.KMS) {
            b.serverSideEncryption(ServerSideEncryption.AWS_KMS);
            if (kmsKeyId != null) {
                b.ssekmsKeyId(kmsKeyId);
            }
        }
        return b.build();
    }

    private void put(PutObjectRequest request, RequestBody body, String key) throws IOException {
        try {
            s3.putObject(request, body);
        } catch (S3Exception e) {
            String code = e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
            throw new IOException("PutObject s3://" + bucket + "/" + key + " failed: HTTP " + e.statusCode()
                    + (code == null ? "" : " " + code) + " (" + firstLine(e.getMessage()) + ")", e);
        } catch (SdkException e) {
            throw new IOException("PutObject s3://" + bucket + "/" + key + " failed: " + firstLine(e.getMessage()), e);
        }
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
