package dev.ctagent.testapps.spring;

import java.net.URI;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The S3 client behind {@link DocumentController}, built once at startup as an application would: the SDK's
 * default sync transport (Apache HttpClient) and retry policy, path-style requests to {@code bench.s3.endpoint}
 * (a local S3 stand-in such as benchmarks' {@code LocalS3}). Only present when that property is set, so the
 * app's other endpoints, and the tests that use them, never load an SDK class.
 */
@Configuration
@ConditionalOnProperty("bench.s3.endpoint")
class DocumentConfig {
    @Bean(destroyMethod = "close")
    S3Client documentS3(@Value("${bench.s3.endpoint}") URI endpoint) {
        return S3Client.builder()
                .endpointOverride(endpoint)
                .forcePathStyle(true)
                .region(Region.US_EAST_1)
                // Dummy keys: the local endpoint does not check signatures, but every request is still signed.
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create("AKIAIOSFODNN7EXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY")))
                .build();
    }
}
