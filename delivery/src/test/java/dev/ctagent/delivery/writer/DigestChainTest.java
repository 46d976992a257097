package dev.ctagent.delivery.writer;

import dev.ctagent.delivery.status.ErrorReporter;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyMap;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ctagent.delivery.destination.DeliveredLogLedger;
import dev.ctagent.delivery.destination.Destination;
import dev.ctagent.delivery.destination.LocalDirectoryDestination;
import dev.ctagent.delivery.digest.DigestKey;
import dev.ctagent.delivery.digest.DigestSignatures;
import dev.ctagent.delivery.digest.PublicKeyFile;
import dev.ctagent.delivery.digest.PublishedKeys;
import dev.ctagent.delivery.digest.SignatureSidecar;
import dev.ctagent.delivery.digest.SigningKeyFile;
import dev.ctagent.delivery.digest.SigningString;
import dev.ctagent.delivery.digest.TrailPublicKey;
import dev.ctagent.delivery.logfile.FinishedLogFile;
import dev.ctagent.delivery.logfile.LogFiles;
import dev.ctagent.delivery.status.TrailStats;
import dev.ctagent.runtime.config.ConfigException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DigestChainTest {
    private static final String BUCKET = "trail-bucket";
    private static final String ACCOUNT = "123456789012";
    private static final Instant T0 = Instant.parse("2026-11-21T10:00:00Z");

    @TempDir
    Path ctDir;

    private Path bucketDir;
    private DeliveredLogLedger ledger;
    private TrailStats stats;
    private ByteArrayOutputStream stderr;
    private SigningKeyFile keyFile;

    @BeforeEach
    void setUp() throws Exception {
        bucketDir = ctDir.resolve(BUCKET);
        ledger = new DeliveredLogLedger(DeliveredLogLedger.defaultFile(ctDir, "t1"), BUCKET);
        stats = new TrailStats();
        stderr = new ByteArrayOutputStream();
        keyFile = new SigningKeyFile(TestTrails.config(ctDir).digestPrivateKey());
        TestTrails.signingKey(TestTrails.config(ctDir));
    }

    private DigestChain chain(Destination destination) throws Exception {
        return new DigestChain(new DigestKey("", ACCOUNT, "eu-west-1", "t1", "eu-west-1"), BUCKET, ACCOUNT,
                Duration.ofMinutes(1), keyFile,
                new PublishedKeys(PublishedKeys.defaultRegistry(ctDir), "", ACCOUNT, "eu-west-1"), destination,
                ledger, DigestState.defaultFile(ctDir, "t1"), stats,
                new ErrorReporter(stats, new PrintStream(stderr, true)), Duration.ofSeconds(30));
    }

    private DigestChain chain() throws Exception {
        return chain(new LocalDirectoryDestination(ctDir, BUCKET));
    }

    private void delivered(String name, Instant at) throws IOException {
        ledger.append(new FinishedLogFile("AWSLogs/" + ACCOUNT + "/CloudTrail/eu-west-1/" + name + ".json.gz",
                ctDir.resolve(name), "ab" + name.hashCode(), at.minusSeconds(30), at.minusSeconds(1), at, 1, 10, 5));
    }

    @Test
    void aChainThatMadeNoDigestAndHasNothingToListEndsWithoutOneAndTheNextChainCoversItsTime() throws Exception {
        DigestChain first = chain();
        first.start(T0.plusSeconds(10));
        first.finish(T0.plusSeconds(12));
        assertThat(Digests.files(bucketDir)).as("nothing delivered, nothing to prove").isEmpty();

        DigestChain next = chain();
        next.start(T0.plusSeconds(20));
        delivered("a", T0.plusSeconds(25));
        next.finish(T0.plusSeconds(26));
        assertThat(Digests.documents(bucketDir)).extracting(d -> d.get("digestStartTime").asText() + ".."
                + d.get("digestEndTime").asText() + " " + names(d))
                .containsExactly("2026-11-21T10:00:20Z..2026-11-21T10:00:27Z [a]");
    }

    @Test
    void aChainWithADigestAlreadyMadeStillEndsWithAFinalOneEvenIfEmpty() throws Exception {
        DigestChain chain = chain();
        chain.start(T0.plusSeconds(10));
        chain.tick(T0.plusSeconds(60)); // an empty hourly-style digest
        chain.finish(T0.plusSeconds(70));
        assertThat(Digests.documents(bucketDir)).extracting(d -> d.get("digestEndTime").asText())
                .containsExactly("2026-11-21T10:01:00Z", "2026-11-21T10:01:11Z");
    }

    @Test
    void digestsTileTimeChainBySignatureAndHashAndListEachFileOnce() throws Exception {
        DigestChain chain = chain();
        chain.start(T0.plusSeconds(10));
        delivered("a", T0.plusSeconds(20));
        delivered("b", T0.plusSeconds(59));
        chain.tick(T0.plusSeconds(59));
        assertThat(Digests.files(bucketDir)).isEmpty(); // not due yet
        delivered("c", T0.plusSeconds(60)); // delivered at the boundary: the next window's
        chain.tick(T0.plusSeconds(60).plusMillis(40));
        chain.tick(T0.plusSeconds(125));
        chain.tick(T0.plusSeconds(185)); // nothing delivered: an empty digest
        delivered("d", T0.plusSeconds(190));
        chain.finish(T0.plusSeconds(191).plusMillis(500));

        List<Path> files = Digests.files(bucketDir);
        List<JsonNode> docs = Digests.documents(bucketDir);
        assertThat(docs).extracting(d -> d.get("digestStartTime").asText() + ".." + d.get("digestEndTime").asText())
                .containsExactly("2026-11-21T10:00:10Z..2026-11-21T10:01:00Z",
                        "2026-11-21T10:01:00Z..2026-11-21T10:02:00Z",
                        "2026-11-21T10:02:00Z..2026-11-21T10:03:00Z",
                        "2026-11-21T10:03:00Z..2026-11-21T10:03:12Z");
        assertThat(docs).extracting(d -> names(d))
                .containsExactly(List.of("a", "b"), List.of("c"), List.of(), List.of("d"));
        JsonNode empty = docs.get(2);
        assertThat(empty.get("oldestEventTime").isNull()).isTrue();
        assertThat(empty.get("newestEventTime").isNull()).isTrue();
        assertThat(docs.get(0).get("oldestEventTime").asText()).isEqualTo("2026-11-21T09:59:50Z");
        assertThat(docs.get(0).get("newestEventTime").asText()).isEqualTo("2026-11-21T10:00:58Z");
        assertThat(files.get(0).toString()).endsWith("AWSLogs/123456789012/CloudTrail-Digest/eu-west-1/2026/11/21/"
                + "123456789012_CloudTrail-Digest_eu-west-1_t1_eu-west-1_20261121T100100Z.json.gz");

        JsonNode first = docs.get(0);
        for (String f : List.of("previousDigestS3Bucket", "previousDigestS3Object", "previousDigestHashValue",
                "previousDigestHashAlgorithm", "previousDigestSignature")) {
            assertThat(first.has(f) && first.get(f).isNull()).as(f).isTrue();
        }
        TrailPublicKey key = TrailPublicKey.of(keyFile.load().publicKey(), T0);
        for (int i = 0; i < files.size(); i++) {
            JsonNode d = docs.get(i);
            String signature = sidecar(files.get(i)).get("signature");
            assertThat(sidecar(files.get(i)).get("signature-algorithm")).isEqualTo("SHA256withRSA");
            byte[] json = LogFiles.inflateSingleMember(files.get(i));
            assertThat(d.get("digestS3Bucket").asText()).isEqualTo(BUCKET);
            assertThat(d.get("digestS3Object").asText()).isEqualTo(bucketDir.relativize(files.get(i)).toString());
            assertThat(d.get("digestPublicKeyFingerprint").asText()).isEqualTo(key.fingerprint());
            assertThat(DigestSignatures.verify(key.toRsaPublicKey(), SigningString.of(d.get("digestEndTime").asText(),
                    BUCKET, d.get("digestS3Object").asText(), LogFiles.sha256Hex(json),
                    d.get("previousDigestSignature").isNull() ? null : d.get("previousDigestSignature").asText()),
                    signature)).isTrue();
            if (i > 0) {
                Path prev = files.get(i - 1);
                assertThat(d.get("previousDigestS3Object").asText()).isEqualTo(bucketDir.relativize(prev).toString());
                assertThat(d.get("previousDigestHashValue").asText())
                        .isEqualTo(LogFiles.sha256Hex(LogFiles.inflateSingleMember(prev)));
                assertThat(d.get("previousDigestSignature").asText()).isEqualTo(sidecar(prev).get("signature"));
                assertThat(d.get("previousDigestHashAlgorithm").asText()).isEqualTo("SHA-256");
            }
        }
        assertThat(ledger.readFrom(0)).isEmpty();
        assertThat(stats.deliveredDigests()).isEqualTo(4);
        assertThat(Files.exists(bucketDir.resolve(PublicKeyFile.key("", ACCOUNT, "eu-west-1", key.fingerprint()))))
                .isTrue();
    }

    @Test
    void aNewChainAfterARestartStartsWhereTheLastEndedAndListsWhatWasLeftUndigested() throws Exception {
        DigestChain before = chain();
        before.start(T0);
        before.tick(T0.plusSeconds(60));
        delivered("late", T0.plusSeconds(61)); // delivered, then the process died without a final digest

        DigestChain after = chain();
        after.start(T0.plusSeconds(300));
        after.tick(T0.plusSeconds(360));

        List<JsonNode> docs = Digests.documents(bucketDir);
        assertThat(docs).hasSize(2);
        JsonNode restarted = docs.get(1);
        assertThat(restarted.get("previousDigestSignature").isNull()).isTrue();
        assertThat(restarted.get("digestStartTime").asText()).isEqualTo("2026-11-21T10:01:00Z");
        assertThat(restarted.get("digestEndTime").asText()).isEqualTo("2026-11-21T10:06:00Z");
        assertThat(names(restarted)).containsExactly("late");
    }

    @Test
    void chainsStoppedAndStartedWithinOneSecondNeverShareADigestKey() throws Exception {
        DigestChain chain = chain();
        Instant t = T0.plusMillis(100);
        for (int i = 0; i < 3; i++) {
            chain.start(t);
            delivered("f" + i, t);
            chain.finish(t.plusMillis(10));
            t = t.plusMillis(50);
        }
        chain.start(t);
        chain.tick(T0.plusSeconds(60));

        List<JsonNode> docs = Digests.documents(bucketDir);
        assertThat(docs).extracting(d -> d.get("digestEndTime").asText()).containsExactly(
                "2026-11-21T10:00:01Z", "2026-11-21T10:00:02Z", "2026-11-21T10:00:03Z", "2026-11-21T10:01:00Z");
        assertThat(docs).extracting(d -> names(d)).containsExactly(List.of("f0"), List.of("f1"), List.of("f2"),
                List.of());
    }

    @Test
    void aRefusedDigestIsRetriedInOrderAndTheChainStaysIntact() throws Exception {
        LocalDirectoryDestination local = new LocalDirectoryDestination(ctDir, BUCKET);
        Destination flaky = mock(Destination.class);
        boolean[] down = {true};
        doAnswer(inv -> {
            if (down[0]) {
                throw new IOException("bucket unreachable");
            }
            local.put(inv.getArgument(0), inv.getArgument(1), inv.getArgument(2));
            return null;
        }).when(flaky).put(anyString(), any(), anyMap());
        DigestChain chain = chain(flaky);
        chain.start(T0);
        delivered("a", T0.plusSeconds(5));
        chain.tick(T0.plusSeconds(60));
        delivered("b", T0.plusSeconds(65));
        chain.tick(T0.plusSeconds(120));
        assertThat(Digests.files(bucketDir)).isEmpty();
        assertThat(stats.latestDigestDeliveryError()).contains("bucket unreachable");

        down[0] = false;
        chain.tick(T0.plusSeconds(121)); // still backing off? the first retry waits 1 s: due now
        chain.tick(T0.plusSeconds(130));

        List<JsonNode> docs = Digests.documents(bucketDir);
        assertThat(docs).extracting(d -> names(d)).containsExactly(List.of("a"), List.of("b"));
        assertThat(docs.get(1).get("previousDigestS3Object").asText())
                .isEqualTo(docs.get(0).get("digestS3Object").asText());
        assertThat(stats.latestDigestDeliveryError()).isNull();
        assertThat(Files.exists(bucketDir.resolve(PublicKeyFile.folder("", ACCOUNT, "eu-west-1")))).isTrue();
    }

    @Test
    void aRotatedKeySignsFromTheNextDigestAndBothPublicKeysStayPublished() throws Exception {
        DigestChain chain = chain();
        chain.start(T0);
        chain.tick(T0.plusSeconds(60));
        String oldFingerprint = Digests.documents(bucketDir).get(0).get("digestPublicKeyFingerprint").asText();

        Path key = keyFile.file();
        Files.delete(key);
        keyFile.loadOrCreate(); // a new key, as an operator rotating it would place
        Files.setLastModifiedTime(key, FileTime.from(Instant.now().plusSeconds(5)));
        chain.tick(T0.plusSeconds(120));

        List<JsonNode> docs = Digests.documents(bucketDir);
        String newFingerprint = docs.get(1).get("digestPublicKeyFingerprint").asText();
        assertThat(newFingerprint).isNotEqualTo(oldFingerprint);
        assertThat(docs.get(1).get("previousDigestS3Object").asText()).isEqualTo(docs.get(0).get("digestS3Object").asText());
        Map<String, TrailPublicKey> published = publishedKeys();
        assertThat(published).containsOnlyKeys(oldFingerprint, newFingerprint);
        assertThat(published.get(oldFingerprint).validityEnd()).isNotNull();
        assertThat(published.get(newFingerprint).validityEnd()).isNull();
    }

    @Test
    void aKeyFileMadeReadableByOthersIsNotUsedAndSaysWhy() throws Exception {
        DigestChain chain = chain();
        chain.start(T0);
        chain.tick(T0.plusSeconds(30)); // the key is read now
        Path key = keyFile.file();
        Files.setPosixFilePermissions(key, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
        Files.setLastModifiedTime(key, FileTime.from(Instant.now().plusSeconds(5)));
        chain.tick(T0.plusSeconds(60));

        assertThat(Digests.files(bucketDir)).hasSize(1); // still signed, with the key in memory
        assertThat(stderr.toString()).contains("ct.digest.privateKey").contains("accessible to others");
    }

    @Test
    void theKeyIsReadAfterTheDelayOrWhenTheFirstDigestIsDueAndItsPublicKeyPublishedThen() throws Exception {
        Path keyFolder = bucketDir.resolve(PublicKeyFile.folder("", ACCOUNT, "eu-west-1"));
        DigestChain chain = chain();
        chain.start(T0);
        chain.tick(T0.plusSeconds(29));
        assertThat(Files.exists(keyFolder)).as("not read during the application's start").isFalse();
        chain.tick(T0.plusSeconds(30));
        assertThat(Files.exists(keyFolder)).isTrue();

        Files.delete(keyFile.file()); // a broken key is found as soon as a digest needs it
        Files.writeString(keyFile.file(), "not a key");
        DigestChain early = new DigestChain(new DigestKey("", ACCOUNT, "eu-west-1", "t2", "eu-west-1"), BUCKET,
                ACCOUNT, Duration.ofSeconds(1), keyFile,
                new PublishedKeys(PublishedKeys.defaultRegistry(ctDir.resolve("other")), "", ACCOUNT, "eu-west-1"),
                new LocalDirectoryDestination(ctDir, BUCKET), ledger, DigestState.defaultFile(ctDir, "t2"), stats,
                new ErrorReporter(stats, new PrintStream(stderr, true)), Duration.ofHours(1));
        early.start(T0);
        assertThatThrownBy(() -> early.tick(T0.plusSeconds(1))).isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("ct.digest.privateKey=");
    }

    @Test
    void publicKeysAPutFailedForArePublishedBeforeTheNextDigest() throws Exception {
        Destination broken = mock(Destination.class);
        doThrow(new IOException("no")).when(broken).put(anyString(), any(), anyMap());
        DigestChain chain = chain(broken);
        chain.start(T0);
        chain.tick(T0.plusSeconds(60));
        assertThat(stderr.toString()).contains("publishing the public keys failed: java.io.IOException: no");
        assertThat(stats.latestDigestDeliveryError()).contains("delivering digest");
    }

    private Map<String, TrailPublicKey> publishedKeys() throws IOException {
        Path folder = bucketDir.resolve(PublicKeyFile.folder("", ACCOUNT, "eu-west-1"));
        Map<String, TrailPublicKey> keys = new java.util.HashMap<>();
        try (var files = Files.list(folder)) {
            for (Path f : files.collect(Collectors.toList())) {
                TrailPublicKey k = PublicKeyFile.fromJson(Files.readAllBytes(f));
                assertThat(f.getFileName().toString()).isEqualTo(k.fingerprint() + ".json");
                keys.put(k.fingerprint(), k);
            }
        }
        return keys;
    }

    private static Map<String, String> sidecar(Path digest) throws IOException {
        return SignatureSidecar.fromJson(Files.readAllBytes(digest.resolveSibling(digest.getFileName()
                + SignatureSidecar.SUFFIX)));
    }

    private static List<String> names(JsonNode digest) {
        List<String> names = new ArrayList<>();
        for (JsonNode f : digest.get("logFiles")) {
            String key = f.get("s3Object").asText();
            names.add(key.substring(key.lastIndexOf('/') + 1, key.length() - ".json.gz".length()));
        }
        return names;
    }
}
