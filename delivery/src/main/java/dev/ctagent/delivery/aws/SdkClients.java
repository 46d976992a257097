package dev.ctagent.delivery.aws;

import dev.ctagent.runtime.config.S3Settings;
import java.net.URI;
import java.time.Duration;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sns.SnsClient;

/**
 * The agent's own AWS clients (S3 for delivery and validation, SNS for notifications), built one way: the
 * JDK's HTTP client (no Netty, no Apache client in the agent), credentials from the standard provider
 * chain, an optional endpoint for S3-compatible stores and emulators. In the agent jar this SDK is
 * relocated under {@code dev.ctagent.shaded}, so the application's SDK and the agent's never meet and the
 * agent's own calls are never captured.
 */
public final class SdkClients {
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration SOCKET_TIMEOUT = Duration.ofSeconds(30);

    private SdkClients() {}

    public static S3Client s3(S3Settings settings) {
        return s3(settings.region(), settings.endpoint(), settings.pathStyle(), DefaultCredentialsProvider.builder().build());
    }

    public static S3Client s3(String region, URI endpoint, boolean pathStyle, AwsCredentialsProvider credentials) {
        var builder = S3Client.builder()
                .httpClient(httpClient())
                .region(Region.of(region))
                .credentialsProvider(credentials)
                .forcePathStyle(pathStyle)
                // Checksums only where S3 requires them: S3-compatible stores often lack the newer
                // trailing-checksum uploads, and every object's integrity is in the digest chain anyway.
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED);
        if (endpoint != null) {
            builder.endpointOverride(endpoint);
        }
        return builder.build();
    }

    public static SnsClient sns(String region, URI endpoint) {
        return sns(region, endpoint, DefaultCredentialsProvider.builder().build());
    }

    public static SnsClient sns(String region, URI endpoint, AwsCredentialsProvider credentials) {
        var builder = SnsClient.builder()
                .httpClient(httpClient())
                .region(Region.of(region))
                .credentialsProvider(credentials);
        if (endpoint != null) {
            builder.endpointOverride(endpoint);
        }
        return builder.build();
    }

    private static SdkHttpClient httpClient() {
        return new RetryableIoHttpClient(UrlConnectionHttpClient.builder()
                .connectionTimeout(CONNECT_TIMEOUT)
                .socketTimeout(SOCKET_TIMEOUT)
                .build());
    }
}
