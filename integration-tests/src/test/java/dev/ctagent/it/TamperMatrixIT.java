package dev.ctagent.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ctagent.it.awscli.AwsCli;
import dev.ctagent.it.awscli.CliRun;
import dev.ctagent.it.awscli.FakeCloudTrail;
import dev.ctagent.delivery.aws.MotoServerProcess;
import dev.ctagent.it.awscli.SigningKey;
import dev.ctagent.it.awscli.Tamper;
import dev.ctagent.it.awscli.TrailUpload;
import dev.ctagent.it.awscli.ValidationReport;
import dev.ctagent.it.awscli.ValidationReport.Entry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each way of tampering with a trail the real agent wrote, caught by both validators: ours on the local copy,
 * and the AWS CLI on the same copy uploaded to S3 (moto, reset between cases: the digests name their bucket,
 * so every case uses a fresh bucket of the same name). One agent run serves all cases (see {@link AgentTrail#shared()}).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TamperMatrixIT {
    private static final String NOT_FOUND = "INVALID: not found";
    private static final String SIGNATURE_FAILED = "INVALID: signature verification failed";

    @TempDir
    Path work;
    private AgentTrail trail;
    private MotoServerProcess moto;
    private FakeCloudTrail cloudTrail;
    private TrailUpload upload;
    private AwsCli aws;
    private List<String> logs;
    private List<String> digests;

    private record Outcome(CliRun ours, CliRun aws) {
        ValidationReport oursReport() {
            return ours.report();
        }

        ValidationReport awsReport() {
            return aws.report();
        }
    }

    @BeforeAll
    void setUp() throws Exception {
        trail = AgentTrail.shared();
        logs = trail.logFileKeys();
        digests = trail.digestKeys();
        assertThat(digests).as("a chain long enough to have a middle").hasSizeGreaterThanOrEqualTo(3);
        moto = MotoServerProcess.start();
        // what CloudTrail knows: the keys the agent published, never what a tampered copy claims
        cloudTrail = FakeCloudTrail.start().publicKeys(AgentTrail.listPublicKeys(trail.bucketFolder()));
        upload = new TrailUpload(moto.endpoint().toString());
        aws = new AwsCli(moto.endpoint().toString(), cloudTrail.endpoint(), AgentTrail.REGION);
    }

    @AfterAll
    void tearDown() throws Exception {
        if (upload != null) {
            upload.close();
        }
        if (cloudTrail != null) {
            cloudTrail.close();
        }
        if (moto != null) {
            moto.close();
        }
    }

    @Test
    void oneByteOfALogFileChanged() throws Exception {
        String key = logs.get(logs.size() / 2);
        Outcome o = tampered("log-byte", t -> t.changeOneByte(key));
        assertOnlyInvalid(o.aws(), key, "INVALID: hash value doesn't match");
        assertOnlyInvalid(o.ours(), key, "INVALID: hash value doesn't match");
    }

    @Test
    void aLogFileDeleted() throws Exception {
        String key = logs.get(logs.size() / 2);
        Outcome o = tampered("log-deleted", t -> t.delete(key));
        assertOnlyInvalid(o.aws(), key, NOT_FOUND);
        assertOnlyInvalid(o.ours(), key, NOT_FOUND);
    }

    /**
     * What the AWS CLI cannot see, and the reason our validator exists: a log file no digest lists (back-dated
     * two minutes: one stamped in the newest digest's minute or later is only "not yet covered by a digest").
     */
    @Test
    void aLogFileAddedThatNoDigestLists() throws Exception {
        String[] added = new String[1];
        Outcome o = tampered("log-added", t -> added[0] = t.addUnlistedCopy(logs.get(0), Duration.ofMinutes(2)));
        assertOnlyInvalid(o.ours(), added[0], "INVALID: not listed in any digest");
        assertThat(o.aws().rc()).as("the AWS CLI only reads what digests list: " + o.aws()).isZero();
        assertThat(o.awsReport().verdict(added[0])).isNull();
        assertThat(o.awsReport().notValid()).isEmpty();
    }

    @Test
    void aDigestDeletedFromTheMiddle() throws Exception {
        String key = digests.get(digests.size() / 2);
        Outcome o = tampered("digest-deleted", t -> t.delete(key));
        assertOnlyInvalid(o.aws(), key, NOT_FOUND);
        assertInvalid(o.ours(), key, NOT_FOUND);
    }

    @Test
    void aDigestsJsonEdited() throws Exception {
        String key = digestListingFiles();
        Outcome o = tampered("digest-edited", t -> t.editFirstHashValue(key));
        assertOnlyInvalid(o.aws(), key, SIGNATURE_FAILED);
        assertInvalid(o.ours(), key, SIGNATURE_FAILED);
    }

    @Test
    void aDigestReSignedWithAnotherKey() throws Exception {
        String key = digests.get(digests.size() - 1);
        SigningKey other = SigningKey.generate();
        Outcome o = tampered("digest-resigned", t -> t.resign(key, other));
        String expected = "INVALID: public key not found in region " + AgentTrail.REGION + " for fingerprint "
                + other.fingerprint();
        assertOnlyInvalid(o.aws(), key, expected);
        assertInvalid(o.ours(), key, expected);
    }

    /**
     * The forger also publishes their key in the bucket. The AWS CLI asks CloudTrail for the keys; ours, told
     * the trusted key list ({@code --public-keys}, the ListPublicKeys answer obtained out of band), does the same.
     */
    @Test
    void aDigestReSignedWithAKeyAlsoPublishedInTheBucket() throws Exception {
        String key = digests.get(digests.size() - 1);
        SigningKey other = SigningKey.generate();
        Outcome o = tampered("digest-resigned-key-published", t -> {
            t.resign(key, other);
            t.publishPublicKey(key, other);
        });
        String expected = "INVALID: public key not found in region " + AgentTrail.REGION + " for fingerprint "
                + other.fingerprint();
        assertOnlyInvalid(o.aws(), key, expected);
        Path trusted = work.resolve("trusted-public-keys.json");
        CliRun list = AgentTrail.CLI.listPublicKeys(trail.bucketFolder(), null, null);
        assertThat(list.rc()).as(list.toString()).isZero();
        Files.writeString(trusted, list.stdout());
        CliRun pinned = AgentTrail.CLI.validateLogs(work.resolve("digest-resigned-key-published").resolve(AgentTrail.BUCKET),
                AgentTrail.TRAIL, List.of("--public-keys", trusted.toString(), "--start-time", AwsCli.iso(from())));
        System.out.println("[tamper digest-resigned-key-published] ours --public-keys rc=" + pinned.rc() + " "
                + brief(pinned));
        assertInvalid(pinned, key, expected);
    }

    @Test
    void aDigestsSignatureMetadataRemoved() throws Exception {
        String key = digestListingFiles();
        Outcome o = tampered("signature-removed", t -> t.removeSignature(key));
        assertOnlyInvalid(o.aws(), key, SIGNATURE_FAILED);
        assertInvalid(o.ours(), key, SIGNATURE_FAILED);
    }

    @Test
    void aDigestMovedToAnotherKey() throws Exception {
        String[] moved = new String[1];
        Outcome o = tampered("digest-moved", t -> moved[0] = t.moveOneSecondLater(digests.get(digests.size() - 1)));
        assertOnlyInvalid(o.aws(), moved[0], "INVALID: has been moved from its original location");
        assertInvalid(o.ours(), moved[0], "INVALID: has been moved from its original location");
    }

    // ---

    private interface Edit {
        void apply(Tamper t) throws IOException;
    }

    /** A copy of the trail, tampered with, validated by ours and (uploaded to a fresh bucket) by the AWS CLI. */
    private Outcome tampered(String name, Edit edit) throws Exception {
        Path copy = trail.copyBucketFolderTo(work.resolve(name));
        edit.apply(new Tamper(copy));
        CliRun ours = AgentTrail.CLI.validateLogs(copy, AgentTrail.TRAIL, List.of("--start-time", AwsCli.iso(from())));
        moto.reset();
        upload.createBucket(AgentTrail.BUCKET);
        upload.upload(copy, AgentTrail.BUCKET);
        CliRun cli = aws.validateLogs(AgentTrail.ARN, from(), null, AgentTrail.BUCKET);
        System.out.println("[tamper " + name + "] aws rc=" + cli.rc() + " " + brief(cli) + " | ours rc=" + ours.rc()
                + " " + brief(ours));
        return new Outcome(ours, cli);
    }

    /** Where both validators start: early enough to cover a file back-dated by a few minutes. */
    private Instant from() {
        return trail.started.minus(Duration.ofMinutes(5));
    }

    /** A digest (not the newest) that lists at least one log file; the newest if none other does. */
    private String digestListingFiles() throws IOException {
        Tamper reader = new Tamper(trail.bucketFolder());
        for (int i = digests.size() - 2; i >= 0; i--) {
            if (reader.json(digests.get(i)).contains("\"hashValue\"")) {
                return digests.get(i);
            }
        }
        return digests.get(digests.size() - 1);
    }

    /** The lines not reporting {@code valid}, each as {@code <file name>: <verdict>}. */
    private static List<String> brief(CliRun run) {
        return run.report().notValid().stream()
                .map(e -> e.key().substring(e.key().lastIndexOf('/') + 1) + ": " + e.verdict()).toList();
    }

    private static void assertInvalid(CliRun run, String key, String verdict) {
        assertThat(run.rc()).as(run.toString()).isEqualTo(1);
        assertThat(run.report().verdict(key)).as(run.toString()).isEqualTo(verdict);
    }

    /** rc 1, {@code key} reported with {@code verdict}, and nothing else reported invalid. */
    private static void assertOnlyInvalid(CliRun run, String key, String verdict) {
        assertInvalid(run, key, verdict);
        assertThat(run.report().invalid().stream().map(Entry::key)).as(run.toString()).containsExactly(key);
    }
}
