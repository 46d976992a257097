package dev.ctagent.delivery.destination;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ctagent.delivery.aws.MotoServerProcess;
import dev.ctagent.delivery.digest.SignatureSidecar;
import dev.ctagent.delivery.logfile.FinishedLogFile;
import dev.ctagent.runtime.config.S3Settings;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;

/**
 * The destination contract against moto's S3 (a separate process, speaking S3 as botocore expects it), and
 * the server-side encryption headers, which moto keeps and reports.
 */
class S3DestinationMotoContractTest extends S3DestinationContract {
    private static MotoServerProcess moto;

    @BeforeAll
    static void startServer() throws Exception {
        moto = MotoServerProcess.start();
    }

    @AfterAll
    static void stopServer() throws Exception {
        if (moto != null) {
            moto.close();
        }
    }

    @Override
    S3Client client() {
        return moto.client();
    }

    /** moto checks no signatures, so: a bucket that does not exist. */
    @Override
    Destination failingDestination(Path work) {
        return new S3Destination(moto.client(), bucket + "-missing", S3Settings.Sse.NONE, null);
    }

    @Test
    void aMissingBucketIsAnIOExceptionNamingStatusAndErrorCode() {
        Destination missing = remember(failingDestination(work));

        assertThatThrownBy(() -> missing.put("AWSLogs/x.json", new byte[] {'{', '}'}, SignatureSidecar.metadata("a")))
                .isInstanceOf(IOException.class)
                .hasMessageStartingWith("S3 PutObject s3://" + bucket + "-missing/AWSLogs/x.json failed: HTTP 404 NoSuchBucket");
    }

    @Test
    void everyObjectAsksForTheConfiguredServerSideEncryption() throws Exception {
        Destination aes = remember(new S3Destination(moto.client(), bucket, S3Settings.Sse.AES256, null));
        aes.put("AWSLogs/aes.json.gz", gzipJson("{}"), SignatureSidecar.metadata("a"));
        FinishedLogFile log = finished(1);
        aes.deliver(log);
        Destination kms = remember(new S3Destination(moto.client(), bucket, S3Settings.Sse.KMS, "alias/ct-trail"));
        kms.put("AWSLogs/kms.json.gz", gzipJson("{}"), SignatureSidecar.metadata("b"));

        assertThat(head("AWSLogs/aes.json.gz").serverSideEncryption()).isEqualTo(ServerSideEncryption.AES256);
        assertThat(head(log.key()).serverSideEncryption()).isEqualTo(ServerSideEncryption.AES256);
        HeadObjectResponse k = head("AWSLogs/kms.json.gz");
        assertThat(k.serverSideEncryption()).isEqualTo(ServerSideEncryption.AWS_KMS);
        assertThat(k.ssekmsKeyId()).contains("alias/ct-trail");
        assertThat(head("AWSLogs/kms.json.gz").metadata()).containsEntry("signature", "b");
    }

    private HeadObjectResponse head(String key) {
        return reader().headObject(b -> b.bucket(bucket).key(key));
    }
}
