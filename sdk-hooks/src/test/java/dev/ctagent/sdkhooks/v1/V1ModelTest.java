package dev.ctagent.sdkhooks.v1;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.AmazonServiceException;
import com.amazonaws.SdkClientException;
import com.amazonaws.auth.BasicAWSCredentials;
import com.amazonaws.auth.BasicSessionCredentials;
import com.amazonaws.services.s3.model.ObjectMetadata;
import com.amazonaws.services.s3.model.PutObjectRequest;
import com.amazonaws.services.s3.model.SSECustomerKey;
import com.amazonaws.services.secretsmanager.model.CreateSecretRequest;
import com.amazonaws.services.secretsmanager.model.Tag;
import dev.ctagent.sdkhooks.TextWriter;
import java.io.InputStream;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

/** SDK v1 model objects read through their getters, with real model classes. */
class V1ModelTest {
    private final V1Model model = new V1Model();

    /** A stream that fails the test if anything reads it: bodies are never read. */
    private static final class Untouchable extends InputStream {
        @Override
        public int read() {
            throw new AssertionError("the object body was read");
        }
    }

    @Test
    void generatedModelsHideWhatTheirModelMarksSensitive() {
        CreateSecretRequest create = new CreateSecretRequest().withName("s1").withSecretString("CANARY-string")
                .withSecretBinary(ByteBuffer.wrap("CANARY-binary".getBytes())).withTags(new Tag().withKey("team").withValue("x"));
        String text = TextWriter.of(model, create);
        assertThat(text).contains("Name=\"s1\"", "SecretString=<hidden>", "SecretBinary=<hidden>",
                "Tags=[{Key=\"team\",Value=\"x\"}]");
        assertThat(text).doesNotContain("CANARY");
        assertThat(model.member(create, "Name")).isEqualTo("s1");
    }

    @Test
    void s3RequestsNeverReadTheBodyOrTheCustomerKey() {
        ObjectMetadata metadata = new ObjectMetadata();
        metadata.setContentLength(5);
        metadata.addUserMetadata("owner", "alice");
        PutObjectRequest put = new PutObjectRequest("b1", "k1", new Untouchable(), metadata)
                .withSSECustomerKey(new SSECustomerKey("c2VjcmV0a2V5c2VjcmV0a2V5c2VjcmV0a2V5MTI="));
        String text = TextWriter.of(model, put);
        assertThat(text).contains("BucketName=\"b1\"", "Key=\"k1\"", "SSECustomerKey=<hidden>", "\"owner\"=\"alice\"");
        assertThat(text).doesNotContain("c2VjcmV0");
        assertThat(model.member(put, "BucketName")).isEqualTo("b1");
        assertThat(model.member(put, "Metadata.ContentType")).isNull();
    }

    @Test
    void errorsAndCredentials() {
        AmazonServiceException e = new AmazonServiceException("The specified bucket does not exist");
        e.setErrorCode("NoSuchBucket");
        e.setRequestId("REQ1");
        assertThat(model.errorCode(e)).isEqualTo("NoSuchBucket");
        assertThat(model.errorMessage(e)).isEqualTo("The specified bucket does not exist");
        assertThat(model.requestId(null, e)).isEqualTo("REQ1");
        assertThat(model.errorCode(new SdkClientException("refused"))).isEqualTo("SdkClientException");
        assertThat(model.requestId(null, new SdkClientException("refused"))).isNull();
        assertThat(model.accessKeyId(new BasicAWSCredentials("AKIAEXAMPLE", "secret"))).isEqualTo("AKIAEXAMPLE");
        assertThat(model.sessionCredentials(new BasicSessionCredentials("ASIAEXAMPLE", "s", "t"))).isTrue();
        assertThat(model.sessionCredentials(new BasicAWSCredentials("AKIAEXAMPLE", "secret"))).isFalse();
    }

    @Test
    void operationNamesOfOldSdksFollowS3sApi() {
        assertThat(V1Operations.cloudTrailName("GetObjectMetadata")).isEqualTo("HeadObject");
        assertThat(V1Operations.cloudTrailName("SetBucketPolicy")).isEqualTo("PutBucketPolicy");
        assertThat(V1Operations.cloudTrailName("InitiateMultipartUpload")).isEqualTo("CreateMultipartUpload");
        assertThat(V1Operations.cloudTrailName("PutItem")).isEqualTo("PutItem");
        assertThat(V1Operations.cloudTrailName("SetQueueAttributes")).isEqualTo("SetQueueAttributes");
    }
}
