package dev.ctagent.delivery.aws;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ctagent.delivery.destination.S3Destination;
import dev.ctagent.runtime.config.S3Settings;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.WebIdentityTokenFileCredentialsProvider;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Credentials the way EKS (IRSA) and other OIDC setups hand them out: a web identity token file and a role to
 * assume. The standard provider chain needs the SDK's STS module for that, so the agent carries it; here the
 * role is assumed at moto's STS and the credentials it returns deliver an object to moto's S3.
 */
class WebIdentityCredentialsTest {
    private static final String[] PROPERTIES = {"aws.endpointUrlSts", "aws.region"};
    private static MotoServerProcess moto;

    @TempDir
    Path dir;

    @BeforeAll
    static void startServer() throws Exception {
        moto = MotoServerProcess.start();
    }

    @AfterAll
    static void stopServer() {
        if (moto != null) {
            moto.close();
        }
    }

    @AfterEach
    void clearProperties() {
        for (String p : PROPERTIES) {
            System.clearProperty(p);
        }
    }

    @Test
    void aWebIdentityTokenBecomesSessionCredentialsThatDeliver() throws Exception {
        Path token = Files.writeString(dir.resolve("token"), "eyJhbGciOiJSUzI1NiJ9.e30.c2ln", StandardCharsets.US_ASCII);
        System.setProperty("aws.endpointUrlSts", moto.endpoint().toString()); // the STS client the chain builds
        System.setProperty("aws.region", MotoServerProcess.REGION);
        WebIdentityTokenFileCredentialsProvider provider = WebIdentityTokenFileCredentialsProvider.builder()
                .roleArn("arn:aws:iam::123456789012:role/ct-agent-delivery")
                .roleSessionName("ct-agent")
                .webIdentityTokenFile(token)
                .build();

        AwsCredentials credentials = provider.resolveCredentials();
        assertThat(credentials).isInstanceOf(AwsSessionCredentials.class);
        assertThat(credentials.accessKeyId()).startsWith("ASIA");

        String bucket = "irsa-" + System.nanoTime();
        try (S3Client admin = moto.client();
                S3Client assumed = SdkClients.s3(MotoServerProcess.REGION, moto.endpoint(), true, provider)) {
            admin.createBucket(b -> b.bucket(bucket));
            new S3Destination(assumed, bucket, S3Settings.Sse.NONE, null).put("AWSLogs/k.json",
                    "{}".getBytes(StandardCharsets.UTF_8), Map.of());
            assertThat(admin.headObject(b -> b.bucket(bucket).key("AWSLogs/k.json")).contentLength()).isEqualTo(2);
        }
        provider.close();
    }
}
