package dev.ctagent.sdkhooks.v2;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ctagent.sdkhooks.TextWriter;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.awscore.DefaultAwsResponseMetadata;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.SdkHttpResponse;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.secretsmanager.model.CreateSecretRequest;
import software.amazon.awssdk.services.secretsmanager.model.CreateSecretResponse;
import software.amazon.awssdk.services.secretsmanager.model.SecretsManagerResponseMetadata;
import software.amazon.awssdk.services.secretsmanager.model.Tag;
import software.amazon.awssdk.services.sts.model.AssumeRoleResponse;
import software.amazon.awssdk.services.sts.model.AssumedRoleUser;
import software.amazon.awssdk.services.sts.model.Credentials;

/** SDK v2 model objects read through the SDK's own metadata, with real generated model classes. */
class V2ModelTest {
    private final V2Model model = new V2Model();

    @Test
    void membersNestedListsMapsAndTheSensitiveOnes() {
        PutObjectRequest put = PutObjectRequest.builder().bucket("b1").key("k1").contentLength(42L)
                .metadata(Map.of("owner", "alice")).sseCustomerKey("c2VjcmV0").sseCustomerAlgorithm("AES256").build();
        String text = TextWriter.of(model, put);
        assertThat(text).contains("Bucket=\"b1\"", "Key=\"k1\"", "ContentLength=42", "Metadata={\"owner\"=\"alice\"}",
                "SSECustomerKey=<hidden>", "SSECustomerAlgorithm=\"AES256\"");
        assertThat(text).doesNotContain("c2VjcmV0");

        CreateSecretRequest create = CreateSecretRequest.builder().name("s1").secretString("CANARY-string")
                .secretBinary(SdkBytes.fromUtf8String("CANARY-binary")).tags(Tag.builder().key("team").value("x").build())
                .build();
        String secret = TextWriter.of(model, create);
        assertThat(secret).contains("Name=\"s1\"", "SecretString=<hidden>", "SecretBinary=<hidden>",
                "Tags=[{Key=\"team\",Value=\"x\"}]");
        assertThat(secret).doesNotContain("CANARY");
    }

    @Test
    void responsesAndPaths() {
        AssumeRoleResponse assumed = AssumeRoleResponse.builder()
                .credentials(Credentials.builder().accessKeyId("ASIAEXAMPLE").secretAccessKey("CANARY-secret")
                        .sessionToken("tok").expiration(Instant.parse("2026-01-02T03:04:05Z")).build())
                .assumedRoleUser(AssumedRoleUser.builder().arn("arn:aws:sts::1:assumed-role/R/s").assumedRoleId("AROA:s")
                        .build()).build();
        assertThat(model.member(assumed, "Credentials.AccessKeyId")).isEqualTo("ASIAEXAMPLE");
        assertThat(model.member(assumed, "AssumedRoleUser.Arn")).isEqualTo("arn:aws:sts::1:assumed-role/R/s");
        assertThat(model.member(assumed, "Credentials")).isNull();
        assertThat(model.member(assumed, "Nope.Arn")).isNull();
        String text = TextWriter.of(model, assumed);
        assertThat(text).contains("SecretAccessKey=<hidden>", "Expiration=2026-01-02T03:04:05Z");
        assertThat(text).doesNotContain("CANARY");
    }

    @Test
    void requestIdFromMetadataOrHeaderOrError() {
        CreateSecretResponse withMetadata = (CreateSecretResponse) CreateSecretResponse.builder()
                .responseMetadata(SecretsManagerResponseMetadata.create(DefaultAwsResponseMetadata.create(
                        Map.of("AWS_REQUEST_ID", "REQ1")))).build();
        assertThat(model.requestId(withMetadata, null)).isEqualTo("REQ1");

        PutObjectResponse fromHeader = (PutObjectResponse) PutObjectResponse.builder()
                .sdkHttpResponse(SdkHttpResponse.builder().statusCode(200).putHeader("x-amzn-RequestId", "REQ2").build())
                .build();
        assertThat(model.requestId(fromHeader, null)).isEqualTo("REQ2");

        S3Exception noSuchBucket = (S3Exception) S3Exception.builder().requestId("REQ3").awsErrorDetails(
                AwsErrorDetails.builder().errorCode("NoSuchBucket").errorMessage("The specified bucket does not exist")
                        .build()).message("The specified bucket does not exist (Service: S3, ...)").build();
        CompletionException async = new CompletionException(noSuchBucket);
        assertThat(model.requestId(null, async)).isEqualTo("REQ3");
        assertThat(model.errorCode(async)).isEqualTo("NoSuchBucket");
        assertThat(model.errorMessage(noSuchBucket)).isEqualTo("The specified bucket does not exist");
        assertThat(model.requestId(null, SdkClientException.create("refused"))).isNull();
        assertThat(model.errorCode(SdkClientException.create("refused"))).isEqualTo("SdkClientException");
        assertThat(model.errorMessage(SdkClientException.create("refused"))).isEqualTo("refused");
    }

    @Test
    void onlyTheAccessKeyIdOfCredentialsIsRead() {
        assertThat(model.accessKeyId(AwsBasicCredentials.create("AKIAEXAMPLE", "secret"))).isEqualTo("AKIAEXAMPLE");
        assertThat(model.sessionCredentials(AwsBasicCredentials.create("AKIAEXAMPLE", "secret"))).isFalse();
        assertThat(model.sessionCredentials(AwsSessionCredentials.create("ASIAEXAMPLE", "s", "t"))).isTrue();
        assertThat(model.accessKeyId(null)).isNull();
    }

    @Test
    void notAModelObjectIsNull() {
        assertThat(TextWriter.of(model, "text")).isEqualTo("null");
    }
}
