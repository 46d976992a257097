package dev.ctagent.delivery.destination;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ctagent.delivery.aws.S3ProxyServer;
import dev.ctagent.delivery.digest.SignatureSidecar;
import dev.ctagent.delivery.logfile.FinishedLogFile;
import dev.ctagent.delivery.validation.NoSuchKeyException;
import dev.ctagent.runtime.config.S3Settings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The destination contract against S3Proxy, which checks every request's SigV4 signature: what the agent's
 * own (shaded) SDK client sends must be a correctly signed request, bodies and user metadata included.
 */
class S3DestinationS3ProxyContractTest extends S3DestinationContract {
    @TempDir
    static Path storage;
    private static S3ProxyServer server;

    @BeforeAll
    static void startServer() throws Exception {
        server = S3ProxyServer.start(storage);
    }

    @AfterAll
    static void stopServer() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    @Override
    S3Client client() {
        return server.client();
    }

    /** The right access key with a wrong secret: S3Proxy refuses the signature. */
    @Override
    Destination failingDestination(Path work) {
        return new S3Destination(server.client(S3ProxyServer.IDENTITY, "not-the-secret"), bucket,
                S3Settings.Sse.NONE, null);
    }

    @Test
    void aRefusedSignatureIsAnIOExceptionNamingBucketKeyStatusAndErrorCode() throws Exception {
        Destination wrongSecret = remember(failingDestination(work));
        FinishedLogFile file = finished(3);
        byte[] bytes = Files.readAllBytes(file.localPath());

        assertThatThrownBy(() -> wrongSecret.deliver(file))
                .isInstanceOf(IOException.class)
                .hasMessageStartingWith("S3 PutObject s3://" + bucket + "/" + file.key() + " failed: HTTP 403 ")
                .hasMessageContaining("SignatureDoesNotMatch");

        assertThat(file.localPath()).exists().hasBinaryContent(bytes);
        assertThatThrownBy(() -> store().read(file.key())).isInstanceOf(NoSuchKeyException.class);
    }

    /**
     * S3Proxy refuses an unknown key from the headers alone and may close the connection before the body is
     * sent; the JDK client then reports the broken write instead of the 403. Either way nothing is stored.
     */
    @Test
    void anUnknownAccessKeyIsRefusedAsWell() {
        Destination unknownKey = remember(new S3Destination(server.client("AKIAUNKNOWN", "x"), bucket,
                S3Settings.Sse.NONE, null));

        assertThatThrownBy(() -> unknownKey.put("AWSLogs/k.json", new byte[] {'{', '}'}, SignatureSidecar.metadata("a")))
                .isInstanceOf(IOException.class)
                .hasMessageStartingWith("S3 PutObject s3://" + bucket + "/AWSLogs/k.json failed: ")
                .message().containsAnyOf("HTTP 403 InvalidAccessKeyId", "Error writing request body");
        assertThatThrownBy(() -> store().read("AWSLogs/k.json")).isInstanceOf(NoSuchKeyException.class);
    }
}
