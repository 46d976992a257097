package dev.ctagent.delivery.destination;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ctagent.delivery.digest.DigestKey;
import dev.ctagent.delivery.digest.PublicKeyFile;
import dev.ctagent.delivery.digest.SignatureSidecar;
import dev.ctagent.delivery.logfile.FinishedLogFile;
import dev.ctagent.delivery.logfile.LogFileKey;
import dev.ctagent.delivery.logfile.LogFiles;
import dev.ctagent.delivery.logfile.OpenLogFile;
import dev.ctagent.delivery.validation.NoSuchKeyException;
import dev.ctagent.delivery.validation.TrailStore;
import dev.ctagent.delivery.validation.TrailFixture;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What every {@link Destination} promises (its javadoc), checked the same way for each implementation
 * (the compatibility-kit pattern): a subclass supplies a destination writing into an empty bucket, a
 * {@link TrailStore} reading that bucket back, and the content headers of an object where the store keeps
 * them. Keys are real CloudTrail keys with a prefix: log files, digests, public keys.
 */
abstract class DestinationContract {
    static final String PREFIX = "audit/ct";
    static final String ACCOUNT = "123456789012";
    static final String REGION = "eu-west-1";
    static final Instant T = Instant.parse("2026-11-21T14:22:05Z");

    /** Content headers as stored with an object. */
    static final class Headers {
        final String contentType;
        final String contentEncoding;

        Headers(String contentType, String contentEncoding) {
            this.contentType = contentType;
            this.contentEncoding = contentEncoding;
        }
    }

    @TempDir
    Path work;

    final LogFileKey logKeys = new LogFileKey(PREFIX, ACCOUNT, REGION, new Random(7));
    final DigestKey digestKeys = new DigestKey(PREFIX, ACCOUNT, REGION, "my-trail", REGION);
    private final List<Destination> opened = new ArrayList<>();
    private final List<OpenLogFile> logFiles = new ArrayList<>();
    Destination destination;
    TrailStore store;

    /** A destination delivering into a new, empty bucket; called once per test. */
    abstract Destination newDestination(Path work) throws Exception;

    /** Reads the bucket {@link #newDestination} delivered into. */
    abstract TrailStore store() throws Exception;

    /** The content headers of an object, or null when this kind of destination keeps none. */

    /**
     * A destination for the same bucket on which every call fails (unreachable, refused or unwritable),
     * after {@link #newDestination}.
     */
    abstract Destination failingDestination(Path work) throws Exception;

    abstract String expectedLocation();

    @BeforeEach
    void openDestination() throws Exception {
        destination = remember(newDestination(work));
        store = store();
    }

    @AfterEach
    void closeDestinations() throws IOException {
        logFiles.forEach(OpenLogFile::release);
        for (Destination d : opened) {
            d.close();
        }
    }

    Destination remember(Destination d) {
        opened.add(d);
        return d;
    }

    @Test
    void aDeliveredLogFileIsVisibleUnderItsKeyWithExactlyItsBytesAndItsLocalCopyIsGone() throws Exception {
        FinishedLogFile file = finished(2000); // a few hundred KB of JSON: more than one network buffer
        byte[] bytes = Files.readAllBytes(file.localPath());

        destination.deliver(file);

        assertThat(store.read(file.key())).isEqualTo(bytes);
        assertThat(file.localPath()).doesNotExist();
        assertThat(store.metadata(file.key())).as("a log file has no user metadata").isEmpty();
    }

    @Test
    void aDigestIsStoredWithItsSignatureAsUserMetadata() throws Exception {
        String key = digestKeys.forEnd(T);
        byte[] body = gzipJson("{\"awsAccountId\":\"" + ACCOUNT + "\"}");
        Map<String, String> metadata = SignatureSidecar.metadata("00ff" + "a1".repeat(254));

        destination.put(key, body, metadata);

        assertThat(store.read(key)).isEqualTo(body);
        assertThat(store.metadata(key)).isEqualTo(metadata);
    }

    @Test
    void anObjectPutWithoutMetadataHasNone() throws Exception {
        String key = PublicKeyFile.key(PREFIX, ACCOUNT, REGION, "8eba5db5");
        destination.put(key, "{}\n".getBytes(StandardCharsets.UTF_8), Map.of());

        assertThat(store.metadata(key)).isEmpty();
    }

    @Test
    void putReplacesAnExistingObjectAndItsMetadata() throws Exception {
        String key = digestKeys.forEnd(T);
        destination.put(key, gzipJson("{\"v\":1}"), SignatureSidecar.metadata("aaaa"));
        destination.put(key, gzipJson("{\"v\":2,\"longer\":true}"), SignatureSidecar.metadata("bbbb"));

        assertThat(TrailFixture.gunzip(store.read(key))).asString(StandardCharsets.UTF_8)
                .isEqualTo("{\"v\":2,\"longer\":true}");
        assertThat(store.metadata(key)).containsEntry(SignatureSidecar.SIGNATURE, "bbbb");

        String keyFile = PublicKeyFile.key(PREFIX, ACCOUNT, REGION, "0123abcd");
        destination.put(keyFile, "{\"v\":1}".getBytes(StandardCharsets.UTF_8), Map.of("signature", "stale"));
        destination.put(keyFile, "{\"v\":2}".getBytes(StandardCharsets.UTF_8), Map.of());
        assertThat(store.read(keyFile)).asString(StandardCharsets.UTF_8).isEqualTo("{\"v\":2}");
        assertThat(store.metadata(keyFile)).as("metadata of the replaced object is gone with it").isEmpty();
    }

    @Test
    void everyObjectOfATrailLandsUnderItsFullCloudTrailKeyWithThePrefix() throws Exception {
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            FinishedLogFile file = finished(1 + i, T.plusSeconds(60L * i));
            destination.deliver(file);
            expected.add(file.key());
        }
        String digest = digestKeys.forEnd(T.plusSeconds(3600));
        destination.put(digest, gzipJson("{}"), SignatureSidecar.metadata("cd"));
        expected.add(digest);
        String publicKey = PublicKeyFile.key(PREFIX, ACCOUNT, REGION, "f00d");
        destination.put(publicKey, "{}".getBytes(StandardCharsets.UTF_8), Map.of());
        expected.add(publicKey);

        assertThat(expected).allSatisfy(k -> assertThat(k).startsWith(PREFIX + "/AWSLogs/" + ACCOUNT + "/"));
        assertThat(expected.subList(0, 3)).allSatisfy(k -> assertThat(k)
                .matches(PREFIX + "/AWSLogs/" + ACCOUNT + "/CloudTrail/" + REGION + "/2026/11/21/" + ACCOUNT
                        + "_CloudTrail_" + REGION + "_20261121T14(22|23|24)Z_\\w{16}\\.json\\.gz")
                .matches(LogFileKey.CPL_LOG_FILE));
        assertThat(objects(store.list(""))).as("the bucket holds exactly the trail's objects")
                .containsExactlyInAnyOrderElementsOf(expected);
        assertThat(store.listFolders(PREFIX + "/AWSLogs/" + ACCOUNT + "/")).containsExactly(
                PREFIX + "/AWSLogs/" + ACCOUNT + "/CloudTrail-Digest/",
                PREFIX + "/AWSLogs/" + ACCOUNT + "/CloudTrail-PublicKey/",
                PREFIX + "/AWSLogs/" + ACCOUNT + "/CloudTrail/");
    }

    @Test
    void aFailedDeliveryLeavesTheLocalFileAndNothingUnderTheKey() throws Exception {
        Destination failing = remember(failingDestination(work));
        FinishedLogFile file = finished(5);
        byte[] bytes = Files.readAllBytes(file.localPath());

        assertThatThrownBy(() -> failing.deliver(file)).isInstanceOf(IOException.class);

        assertThat(file.localPath()).exists().hasBinaryContent(bytes);
        assertThatThrownBy(() -> store.read(file.key())).isInstanceOf(NoSuchKeyException.class);
        destination.deliver(file);
        assertThat(store.read(file.key())).as("delivered on a later attempt").isEqualTo(bytes);
    }

    @Test
    void aFailedPutThrowsAndShowsNothingUnderTheKey() throws Exception {
        Destination failing = remember(failingDestination(work));
        String key = digestKeys.forEnd(T);

        assertThatThrownBy(() -> failing.put(key, gzipJson("{}"), SignatureSidecar.metadata("ee")))
                .isInstanceOf(IOException.class);

        assertThatThrownBy(() -> store.read(key)).isInstanceOf(NoSuchKeyException.class);
    }

    @Test
    void aMissingLocalFileFailsTheDeliveryAndShowsNothing() throws Exception {
        FinishedLogFile file = finished(1);
        Files.delete(file.localPath());

        assertThatThrownBy(() -> destination.deliver(file)).isInstanceOf(IOException.class);

        assertThatThrownBy(() -> store.read(file.key())).isInstanceOf(NoSuchKeyException.class);
    }

    @Test
    void locationNamesTheBucket() {
        assertThat(destination.location()).isEqualTo(expectedLocation());
    }

    /** The objects among listed keys: without the signature sidecars a directory keeps in place of metadata. */
    static List<String> objects(List<String> keys) {
        return keys.stream().filter(k -> !k.endsWith(SignatureSidecar.SUFFIX)).collect(Collectors.toList());
    }

    FinishedLogFile finished(int records) throws IOException {
        return finished(records, T);
    }

    /** A real finished log file ({@link OpenLogFile}) delivered at {@code at}, in a work folder of its own. */
    FinishedLogFile finished(int records, Instant at) throws IOException {
        Path openDir = OpenLogFile.openDir(Files.createTempDirectory(work, "ct"));
        OpenLogFile open = OpenLogFile.create(openDir, 6, System.nanoTime());
        for (int i = 0; i < records; i++) {
            byte[] r = LogFiles.utf8(LogFiles.record("00000000-0000-4000-8000-" + String.format("%012d", i),
                    "2026-11-21T14:00:00Z"));
            open.append(r, r.length, 0);
        }
        logFiles.add(open); // still locked, as the writer holds it while a destination delivers it
        return open.finish(logKeys.forDelivery(at), at);
    }

    static byte[] gzipJson(String json) {
        return TrailFixture.gzip(json.getBytes(StandardCharsets.UTF_8));
    }
}
