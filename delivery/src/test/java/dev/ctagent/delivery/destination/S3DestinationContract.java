package dev.ctagent.delivery.destination;

import java.util.Map;
import java.nio.charset.StandardCharsets;
import dev.ctagent.delivery.logfile.FinishedLogFile;
import dev.ctagent.delivery.digest.SignatureSidecar;
import dev.ctagent.delivery.digest.PublicKeyFile;
import static org.assertj.core.api.Assertions.assertThat;
import dev.ctagent.delivery.validation.S3TrailStore;
import dev.ctagent.delivery.validation.TrailStore;
import dev.ctagent.runtime.config.S3Settings;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;

/**
 * The destination contract for {@link S3Destination} against one kind of S3 server: every test gets a new
 * bucket; the bucket is read back through {@link S3TrailStore} and HeadObject, with a client of its own.
 */
abstract class S3DestinationContract extends DestinationContract {
    private static final AtomicInteger BUCKETS = new AtomicInteger();
    private final List<S3Client> readers = new ArrayList<>();
    String bucket;

    /** A client of the server with a key it accepts. */
    abstract S3Client client();

    @Override
    Destination newDestination(Path work) {
        bucket = "ct-contract-" + BUCKETS.incrementAndGet();
        S3Client s3 = client();
        s3.createBucket(b -> b.bucket(bucket));
        return new S3Destination(s3, bucket, S3Settings.Sse.NONE, null);
    }

    @Override
    TrailStore store() {
        return new S3TrailStore(reader(), bucket);
    }

    /** S3 objects carry content headers (a directory has none to keep). */
    @Test
    void logFilesAndDigestsAreGzipJsonAndPublicKeysJson() throws Exception {
        FinishedLogFile file = finished(1);
        destination.deliver(file);
        String digest = digestKeys.forEnd(T);
        destination.put(digest, gzipJson("{\"digestEndTime\":\"x\"}"), SignatureSidecar.metadata("ab12"));
        String key = PublicKeyFile.key(PREFIX, ACCOUNT, REGION, "0123abcd");
        destination.put(key, "{\"Value\":\"AAAA\"}\n".getBytes(StandardCharsets.UTF_8), Map.of());

        Headers log = headers(file.key());
        assertThat(log.contentType).isEqualTo("application/json");
        assertThat(log.contentEncoding).isEqualTo("gzip");
        assertThat(headers(digest).contentType).isEqualTo("application/json");
        assertThat(headers(digest).contentEncoding).isEqualTo("gzip");
        assertThat(headers(key).contentType).isEqualTo("application/json");
        assertThat(headers(key).contentEncoding).as("a public key is plain JSON").isNull();
    }

    Headers headers(String key) {
        HeadObjectResponse head = reader().headObject(b -> b.bucket(bucket).key(key));
        return new Headers(head.contentType(), head.contentEncoding());
    }

    @Override
    String expectedLocation() {
        return "s3://" + bucket;
    }

    S3Client reader() {
        if (readers.isEmpty()) {
            readers.add(client());
        }
        return readers.get(0);
    }

    @AfterEach
    void closeReaders() {
        readers.forEach(S3Client::close);
        readers.clear();
    }
}
