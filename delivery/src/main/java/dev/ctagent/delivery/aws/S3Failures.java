package dev.ctagent.delivery.aws;

import java.io.IOException;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * Turns what the SDK throws for one S3 call into an {@link IOException} that says what failed where: the
 * operation, {@code s3://bucket/key}, the HTTP status, S3's error code and request id, and S3's own message.
 * The SDK exception stays attached as the cause. Callers treat every such failure as worth a retry.
 */
public final class S3Failures {
    private S3Failures() {}

    public static IOException of(String operation, String bucket, String key, SdkException e) {
        return new IOException(describe(operation, bucket, key, e), e);
    }

    /** {@code S3 PutObject s3://b/k failed: HTTP 403 SignatureDoesNotMatch (request id R): <message>} */
    public static String describe(String operation, String bucket, String key, SdkException e) {
        StringBuilder m = failed(operation, bucket, key);
        if (e instanceof AwsServiceException) {
            AwsServiceException service = (AwsServiceException) e;
            AwsErrorDetails details = service.awsErrorDetails();
            m.append("HTTP ").append(service.statusCode());
            String code = details == null ? null : details.errorCode();
            if (code != null && !code.isEmpty()) {
                m.append(' ').append(code);
            }
            if (service.requestId() != null) {
                m.append(" (request id ").append(service.requestId()).append(')');
            }
            String text = details == null ? null : details.errorMessage();
            if (text != null && !text.isEmpty()) {
                m.append(": ").append(text);
            }
        } else {
            // no answer from S3 (connection refused, timeout, credentials not found): the SDK's own message
            m.append(e.getMessage());
        }
        return m.toString();
    }

    /** The S3 error code of a service answer, or null when S3 did not answer or sent none (a HEAD's 404). */
    public static String errorCode(SdkException e) {
        if (e instanceof AwsServiceException) {
            AwsErrorDetails details = ((AwsServiceException) e).awsErrorDetails();
            return details == null ? null : details.errorCode();
        }
        return null;
    }

    /** The HTTP status of a service answer, or 0 when S3 did not answer. */
    public static int status(SdkException e) {
        return e instanceof AwsServiceException ? ((AwsServiceException) e).statusCode() : 0;
    }

    /** {@code S3 <operation> s3://bucket[/key] failed: } */
    private static StringBuilder failed(String operation, String bucket, String key) {
        StringBuilder m = new StringBuilder(160).append("S3 ").append(operation).append(" s3://").append(bucket);
        if (key != null) {
            m.append('/').append(key);
        }
        return m.append(" failed: ");
    }
}
