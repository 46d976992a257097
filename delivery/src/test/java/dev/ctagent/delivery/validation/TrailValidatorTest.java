package dev.ctagent.delivery.validation;

import static dev.ctagent.delivery.validation.TrailFixture.ACCOUNT;
import static dev.ctagent.delivery.validation.TrailFixture.REGION;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ctagent.delivery.digest.DigestKey;
import dev.ctagent.delivery.digest.DigestedLogFile;
import dev.ctagent.delivery.digest.SignatureSidecar;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrailValidatorTest {
    static final String ARN = "arn:aws:cloudtrail:us-east-1:123456789012:trail/my-trail";
    static final Instant NOV1 = Instant.parse("2026-11-01T00:00:00Z");

    @TempDir
    Path root;

    TrailFixture trail;
    TrailFixture.Chain chain;
    DigestedLogFile l1;
    DigestedLogFile l2;
    DigestedLogFile l3;
    String d1;
    String d2;
    String d3;

    @BeforeEach
    void setUp() {
        trail = new TrailFixture(root, "my-bucket", "");
        chain = trail.chain();
    }

    static Instant t(String hhmmss) {
        return Instant.parse("2026-11-21T" + hhmmss + "Z");
    }

    /** D1 (two log files), D2 (empty), D3 (one log file), hourly, signed with key A. */
    void standardTrail() {
        trail.publish(ACCOUNT, REGION, TrailFixture.keyA(), NOV1, null);
        l1 = chain.log(t("10:05:10"), "GetObject", "PutObject");
        l2 = chain.log(t("10:40:00"), "ListBuckets");
        d1 = chain.digest(t("10:00:31"), t("11:00:31"), l1, l2);
        d2 = chain.digest(t("11:00:31"), t("12:00:31"));
        l3 = chain.log(t("12:10:00"), "DeleteObject");
        d3 = chain.digest(t("12:00:31"), t("13:00:31"), l3);
    }

    ValidationOptions options() {
        return new ValidationOptions().start(t("10:00:00")).end(t("13:30:00")).verbose(true)
                .clock(Clock.fixed(t("14:00:00"), ZoneOffset.UTC));
    }

    static final class Run {
        final int rc;
        final String out;
        final String err;

        Run(int rc, String out, String err) {
            this.rc = rc;
            this.out = out;
            this.err = err;
        }
    }

    Run run(ValidationOptions options) throws ValidationException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int rc;
        try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
             PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            rc = new TrailValidator(trail.store(), options).run(o, e);
        }
        return new Run(rc, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    static String digest(String key, String status) {
        return "Digest file\ts3://my-bucket/" + key + "\t" + status;
    }

    static String log(DigestedLogFile f, String status) {
        return "Log file\ts3://my-bucket/" + f.key() + "\t" + status;
    }

    static String header(String start, String end) {
        return "Validating log files for trail " + ARN + " between " + start + " and " + end + "\n\n";
    }

    static final String HEADER = header("2026-11-21T10:00:00Z", "2026-11-21T13:30:00Z");
    static final String REQUESTED = "Results requested for 2026-11-21T10:00:00Z to 2026-11-21T13:30:00Z\n";

    @Test
    void everyInstancesChainOfOneTrailIsValidatedInOneRun() throws Exception {
        trail.publish(ACCOUNT, REGION, TrailFixture.keyA(), NOV1, null);
        trail.publish(ACCOUNT, REGION, TrailFixture.keyB(), NOV1, null);
        TrailFixture.Chain a = trail.chain(ACCOUNT, REGION, TrailFixture.keyA()).instance("pod-a");
        TrailFixture.Chain b = trail.chain(ACCOUNT, REGION, TrailFixture.keyB()).instance("pod-b");
        DigestedLogFile a1 = a.log(t("10:05:10"), "GetObject");
        DigestedLogFile b1 = b.log(t("10:06:00"), "PutObject");
        String da1 = a.digest(t("10:00:31"), t("11:00:31"), a1);
        String db1 = b.digest(t("10:00:02"), t("11:00:02"), b1);
        DigestedLogFile b2 = b.log(t("11:30:00"), "ListBuckets");
        String db2 = b.digest(t("11:00:02"), t("12:00:02"), b2);

        Run r = run(options().verbose(true));

        assertThat(r.rc).isZero();
        assertThat(r.err).isEmpty();
        assertThat(r.out).contains(digest(da1, "valid"), digest(db1, "valid"), digest(db2, "valid"),
                log(a1, "valid"), log(b1, "valid"), log(b2, "valid"))
                .contains("3/3 digest files valid").contains("3/3 log files valid");
        assertThat(da1).contains("_CloudTrail-Digest_us-east-1_my-trail~pod-a_us-east-1_");

        trail.write(b2.key(), TrailFixture.gzip("{\"Records\":[]}".getBytes(StandardCharsets.UTF_8)));
        Run tampered = run(options().verbose(false));
        assertThat(tampered.rc).isEqualTo(1);
        assertThat(tampered.err).contains(log(b2, "INVALID: hash value doesn't match"));

        Run onlyA = run(options().trailName("my-trail~pod-a").verbose(true));
        assertThat(onlyA.rc).isZero();
        assertThat(onlyA.out).contains(digest(da1, "valid")).doesNotContain(db1);
    }

    @Test
    void aValidChainIsValidWithTheAwsCliOutput() throws Exception {
        standardTrail();

        Run r = run(options());

        assertThat(r.err).isEmpty();
        assertThat(r.out).isEqualTo(HEADER
                + digest(d3, "valid") + "\n"
                + log(l3, "valid") + "\n"
                + digest(d2, "valid") + "\n"
                + digest(d1, "valid") + "\n"
                + log(l1, "valid") + "\n"
                + log(l2, "valid") + "\n"
                + "\n"
                + REQUESTED
                + "Results found for 2026-11-21T10:00:31Z to 2026-11-21T13:00:31Z:\n"
                + "\n3/3 digest files valid"
                + "\n3/3 log files valid"
                + "\n");
        assertThat(r.rc).isZero();
        assertThat(d3).isEqualTo("AWSLogs/123456789012/CloudTrail-Digest/us-east-1/2026/11/21/"
                + "123456789012_CloudTrail-Digest_us-east-1_my-trail_us-east-1_20261121T130031Z.json.gz");
    }

    @Test
    void withoutVerboseOnlyTheHeaderAndTheSummaryArePrinted() throws Exception {
        standardTrail();

        Run r = run(options().verbose(false));

        assertThat(r.err).isEmpty();
        assertThat(r.out).isEqualTo(HEADER + REQUESTED
                + "Results found for 2026-11-21T10:00:31Z to 2026-11-21T13:00:31Z:\n"
                + "\n3/3 digest files valid\n3/3 log files valid\n");
        assertThat(r.rc).isZero();
    }

    @Test
    void theDefaultStartIsTheOldestDigestsStart() throws Exception {
        standardTrail();

        Run r = run(options().start(null).verbose(false));

        assertThat(r.out).startsWith(header("2026-11-21T10:00:31Z", "2026-11-21T13:30:00Z"))
                .contains("Results found for 2026-11-21T10:00:31Z to 2026-11-21T13:00:31Z:\n")
                .endsWith("\n3/3 digest files valid\n3/3 log files valid\n");
        assertThat(r.rc).isZero();
    }

    @Test
    void aChangedLogFileDoesNotMatchItsHash() throws Exception {
        standardTrail();
        trail.editJson(l1.key(), json -> json.replace("GetObject", "GetObjecu"));

        Run r = run(options());

        assertThat(r.err).isEqualTo("\n" + log(l1, "INVALID: hash value doesn't match") + "\n\n");
        assertThat(r.out).isEqualTo(HEADER
                + digest(d3, "valid") + "\n"
                + log(l3, "valid") + "\n"
                + digest(d2, "valid") + "\n"
                + digest(d1, "valid") + "\n"
                + log(l2, "valid") + "\n"
                + "\n"
                + REQUESTED
                + "Results found for 2026-11-21T10:00:31Z to 2026-11-21T13:00:31Z:\n"
                + "\n3/3 digest files valid"
                + "\n2/3 log files valid, 1/3 log files INVALID"
                + "\n");
        assertThat(r.rc).isEqualTo(1);
    }

    @Test
    void problemsWithoutVerboseAreEachFollowedByABlankLine() throws Exception {
        standardTrail();
        trail.editJson(l1.key(), json -> json.replace("GetObject", "GetObjecu"));
        trail.delete(l2.key());

        Run r = run(options().verbose(false));

        assertThat(r.err).isEqualTo(log(l1, "INVALID: hash value doesn't match") + "\n\n"
                + log(l2, "INVALID: not found") + "\n\n");
        assertThat(r.out).isEqualTo(HEADER + REQUESTED
                + "Results found for 2026-11-21T10:00:31Z to 2026-11-21T13:00:31Z:\n"
                + "\n3/3 digest files valid\n1/3 log files valid, 2/3 log files INVALID\n");
        assertThat(r.rc).isEqualTo(1);
    }

    @Test
    void aDeletedLogFileIsNotFound() throws Exception {
        standardTrail();
        trail.delete(l3.key());

        Run r = run(options().verbose(false));

        assertThat(r.err).isEqualTo(log(l3, "INVALID: not found") + "\n\n");
        assertThat(r.rc).isEqualTo(1);
    }

    @Test
    void bytesAfterTheGzipMemberAreUnexpectedData() throws Exception {
        standardTrail();
        byte[] bytes = trail.read(l2.key());
        byte[] longer = java.util.Arrays.copyOf(bytes, bytes.length + 3);
        trail.write(l2.key(), longer);

        Run r = run(options().verbose(false));

        assertThat(r.err).isEqualTo(log(l2, "INVALID: unexpected data after end of compressed stream") + "\n\n");
        assertThat(r.rc).isEqualTo(1);
    }

    @Test
    void aSecondGzipMemberIsUnexpectedDataToo() throws Exception {
        standardTrail();
        byte[] bytes = trail.read(l2.key());
        byte[] more = TrailFixture.gzip("{\"Records\":[]}".getBytes(StandardCharsets.UTF_8));
        byte[] both = java.util.Arrays.copyOf(bytes, bytes.length + more.length);
        System.arraycopy(more, 0, both, bytes.length, more.length);
        trail.write(l2.key(), both);

        Run r = run(options().verbose(false));

        assertThat(r.err).isEqualTo(log(l2, "INVALID: unexpected data after end of compressed stream") + "\n\n");
    }

    @Test
    void aCorruptGzipIsInvalidFormat() throws Exception {
        standardTrail();
        byte[] notGzip = trail.read(l1.key());
        notGzip[0] = 'x';
        trail.write(l1.key(), notGzip);
        byte[] wrongCrc = trail.read(l2.key());
        wrongCrc[wrongCrc.length - 8] ^= 1;
        trail.write(l2.key(), wrongCrc);
        byte[] badDeflate = trail.read(l3.key());
        for (int i = 10; i < badDeflate.length - 8; i++) {
            badDeflate[i] = (byte) 0xff;
        }
        trail.write(l3.key(), badDeflate);

        Run r = run(options().verbose(false));

        assertThat(r.err).isEqualTo(log(l3, "INVALID: invalid format") + "\n\n"
                + log(l1, "INVALID: invalid format") + "\n\n"
                + log(l2, "INVALID: invalid format") + "\n\n");
        assertThat(r.out).endsWith("\n3/3 digest files valid\n0/3 log files valid, 3/3 log files INVALID\n");
        assertThat(r.rc).isEqualTo(1);
    }

    @Test
    void aTruncatedLogFileDoesNotMatchItsHash() throws Exception {
        standardTrail();
        byte[] bytes = trail.read(l1.key());
        trail.write(l1.key(), java.util.Arrays.copyOf(bytes, bytes.length / 2));
        byte[] noTrailer = trail.read(l2.key());
        trail.write(l2.key(), java.util.Arrays.copyOf(noTrailer, noTrailer.length - 8));

        Run r = run(options().verbose(false));

        assertThat(r.err).isEqualTo(log(l1, "INVALID: hash value doesn't match") + "\n\n"
                + log(l2, "INVALID: invalid format") + "\n\n");
    }

    @Test
    void aLogFileNoDigestListsIsInvalidAndOneAfterTheNewestDigestIsNotYetCovered() throws Exception {
        standardTrail();
        DigestedLogFile added = chain.log(t("12:20:00"), "Sneaky");
        DigestedLogFile late = chain.log(t("13:10:00"), "Later");
        DigestedLogFile outOfRange = chain.log(t("09:10:00"), "Before");

        Run r = run(options().verbose(false));

        assertThat(r.err).isEqualTo(log(added, "INVALID: not listed in any digest") + "\n\n"
                + log(late, "not yet covered by a digest") + "\n\n");
        assertThat(r.err).doesNotContain(outOfRange.key());
        assertThat(r.out).endsWith("\n3/3 digest files valid\n3/4 log files valid, 1/4 log files INVALID\n");
        assertThat(r.rc).isEqualTo(1);
    }

    @Test
    void logFilesNotYetCoveredLeaveTheRunValid() throws Exception {
        standardTrail();
        DigestedLogFile late = chain.log(t("13:00:00"), "SameMinuteAsTheDigestEnd");

        Run r = run(options().verbose(false));

        assertThat(r.err).isEqualTo(log(late, "not yet covered by a digest") + "\n\n");
        assertThat(r.rc).isZero();
    }

    @Test
    void aDigestDeletedFromTheMiddleIsNotFoundAndTheWalkGoesOn() throws Exception {
        trail.publish(ACCOUNT, REGION, TrailFixture.keyA(), NOV1, null);
        l1 = chain.log(t("10:05:10"), "GetObject");
        d1 = chain.digest(t("10:00:31"), t("11:00:31"), l1);
        l2 = chain.log(t("11:30:00"), "InTheDeletedDigest");
        d2 = chain.digest(t("11:00:31"), t("12:00:31"), l2);
        l3 = chain.log(t("12:10:00"), "DeleteObject");
        d3 = chain.digest(t("12:00:31"), t("13:00:31"), l3);
        trail.delete(d2);

        Run r = run(options());

        assertThat(r.out).isEqualTo(HEADER
                + digest(d3, "valid") + "\n"
                + log(l3, "valid") + "\n"
                + digest(d1, "valid") + "\n"
                + log(l1, "valid") + "\n"
                + REQUESTED
                + "Results found for 2026-11-21T10:00:31Z to 2026-11-21T13:00:31Z:\n"
                + "\n2/3 digest files valid, 1/3 digest files INVALID"
                + "\n2/3 log files valid, 1/3 log files INVALID"
                + "\n");
        assertThat(r.err).isEqualTo("\n" + digest(d2, "INVALID: not found") + "\n\n"
                + "\n" + log(l2, "INVALID: not listed in any digest") + "\n\n");
        assertThat(r.rc).isEqualTo(1);
    }

    @Test
    void anEditedDigestFailsItsSignature() throws Exception {
        standardTrail();
        trail.editJson(d2, json -> json.replace("\"awsAccountId\":\"123456789012\"", "\"awsAccountId\":\"123456789013\""));

        Run r = run(options().verbose(false));

        assertThat(r.err).isEqualTo(digest(d2, "INVALID: signature verification failed") + "\n\n");
        assertThat(r.out).endsWith("\n2/3 digest files valid, 1/3 digest files INVALID\n3/3 log files valid\n");
        assertThat(r.rc).isEqualTo(1);
    }

    @Test
    void aDigestSignedWithAnUnpublishedKeyHasNoPublicKey() throws Exception {
        trail.publish(ACCOUNT, REGION, TrailFixture.keyA(), NOV1, null);
        d1 = chain.digest(t("10:00:31"), t("11:00:31"));
        d2 = chain.signWith(TrailFixture.keyB()).digest(t("11:00:31"), t("12:00:31"));
        d3 = chain.signWith(TrailFixture.keyA()).digest(t("12:00:31"), t("13:00:31"));

        Run r = run(options().verbose(false));

        assertThat(r.err).isEqualTo(digest(d2, "INVALID: public key not found in region us-east-1 for fingerprint "
                + TrailFixture.fingerprint(TrailFixture.keyB())) + "\n\n");
        assertThat(r.out).endsWith("\n2/3 digest files valid, 1/3 digest files INVALID\n");
        assertThat(r.rc).isEqualTo(1);
    }

    @Test
    void aDigestWithoutItsSignatureSidecarFailsVerification() throws Exception {
        standardTrail();
        trail.delete(SignatureSidecar.keyFor(d1));

        Run r = run(options().verbose(false));

        assertThat(r.err).isEqualTo(digest(d1, "INVALID: signature verification failed") + "\n\n"
                + log(l1, "INVALID: not listed in any digest") + "\n\n"
                + log(l2, "INVALID: not listed in any digest") + "\n\n");
        assertThat(r.rc).isEqualTo(1);
    }

    @Test
    void aDigestCopiedToAnotherKeyHasBeenMoved() throws Exception {
        standardTrail();
        String copy = new DigestKey("", ACCOUNT, REGION, "my-trail", REGION).forEnd(t("13:20:00"));
        trail.copy(d3, copy);

        Run r = run(options());

        assertThat(r.err).isEqualTo(digest(copy, "INVALID: has been moved from its original location") + "\n\n");
        assertThat(r.out).contains(digest(d3, "valid") + "\n" + log(l3, "valid") + "\n" + digest(d2, "valid"))
                .endsWith("Results found for 2026-11-21T10:00:31Z to 2026-11-21T13:00:31Z:\n"
                        + "\n3/4 digest files valid, 1/4 digest files INVALID\n3/3 log files valid\n");
        assertThat(r.rc).isEqualTo(1);
    }

    @Test
    void aDigestWhosePreviousHashIsWrongIsInvalidButItsLogFilesAreChecked() throws Exception {
        trail.publish(ACCOUNT, REGION, TrailFixture.keyA(), NOV1, null);
        l1 = chain.log(t("10:05:10"), "GetObject");
        d1 = chain.digest(t("10:00:31"), t("11:00:31"), l1);
        l2 = chain.log(t("11:05:00"), "PutObject");
        d2 = chain.nextPreviousHash("00".repeat(32)).digest(t("11:00:31"), t("12:00:31"), l2);
        d3 = chain.digest(t("12:00:31"), t("13:00:31"));

        Run r = run(options());

        assertThat(r.out).isEqualTo(HEADER
                + digest(d3, "valid") + "\n"
                + log(l2, "valid") + "\n"
                + digest(d1, "valid") + "\n"
                + log(l1, "valid") + "\n"
                + "\n"
                + REQUESTED
                + "Results found for 2026-11-21T10:00:31Z to 2026-11-21T13:00:31Z:\n"
                + "\n2/3 digest files valid, 1/3 digest files INVALID"
                + "\n2/2 log files valid"
                + "\n");
        assertThat(r.err).isEqualTo("\n" + digest(d2, "INVALID: previous digest hash value doesn't match") + "\n\n");
        assertThat(r.rc).isEqualTo(1);
    }

    @Test
    void aDigestWhosePreviousSignatureIsWrongIsInvalid() throws Exception {
        trail.publish(ACCOUNT, REGION, TrailFixture.keyA(), NOV1, null);
        d1 = chain.digest(t("10:00:31"), t("11:00:31"));
        d2 = chain.nextPreviousSignature("ab".repeat(256)).digest(t("11:00:31"), t("12:00:31"));

        Run r = run(options().verbose(false));

        assertThat(r.err).isEqualTo(digest(d2, "INVALID: previous digest signature doesn't match") + "\n\n");
        assertThat(r.out).endsWith("\n1/2 digest files valid, 1/2 digest files INVALID\n");
        assertThat(r.rc).isEqualTo(1);
    }

    @Test
    void everyRegionAndAccountIsItsOwnChain() throws Exception {
        standardTrail();
        TrailFixture.Chain west = trail.chain(ACCOUNT, "eu-west-1", TrailFixture.keyB());
        trail.publish(ACCOUNT, "eu-west-1", TrailFixture.keyB(), NOV1, null);
        DigestedLogFile w1 = west.log(t("10:30:00"), "RunInstances");
        String wd1 = west.digest(t("10:01:02"), t("11:01:02"), w1);
        String wd2 = west.digest(t("11:01:02"), t("12:01:02"));
        String other = "210987654321";
        TrailFixture.Chain second = trail.chain(other, REGION, TrailFixture.keyA());
        trail.publish(other, REGION, TrailFixture.keyA(), NOV1, null);
        DigestedLogFile o1 = second.log(t("12:30:00"), "AssumeRole");
        String od1 = second.digest(t("12:00:05"), t("13:00:05"), o1);

        Run r = run(options());

        assertThat(r.err).isEmpty();
        assertThat(r.out).isEqualTo(HEADER
                + digest(wd2, "valid") + "\n"
                + digest(wd1, "valid") + "\n"
                + log(w1, "valid") + "\n"
                + digest(d3, "valid") + "\n"
                + log(l3, "valid") + "\n"
                + digest(d2, "valid") + "\n"
                + digest(d1, "valid") + "\n"
                + log(l1, "valid") + "\n"
                + log(l2, "valid") + "\n"
                + digest(od1, "valid") + "\n"
                + log(o1, "valid") + "\n"
                + "\n"
                + REQUESTED
                + "Results found for 2026-11-21T10:00:31Z to 2026-11-21T13:00:31Z:\n"
                + "\n6/6 digest files valid"
                + "\n5/5 log files valid"
                + "\n");
        assertThat(r.rc).isZero();

        Run onlyOther = run(options().accountId(other).verbose(false));
        assertThat(onlyOther.out).endsWith("\n1/1 digest files valid\n1/1 log files valid\n");
    }

    @Test
    void aRotatedKeyValidatesTheHalfOfTheChainItSigned() throws Exception {
        trail.publish(ACCOUNT, REGION, TrailFixture.keyA(), NOV1, t("11:30:00"));
        trail.publish(ACCOUNT, REGION, TrailFixture.keyB(), t("11:30:00"), null);
        l1 = chain.log(t("10:05:10"), "GetObject");
        d1 = chain.digest(t("10:00:31"), t("11:00:31"), l1);
        d2 = chain.signWith(TrailFixture.keyB()).digest(t("11:00:31"), t("12:00:31"));
        l3 = chain.log(t("12:10:00"), "DeleteObject");
        d3 = chain.digest(t("12:00:31"), t("13:00:31"), l3);

        Run r = run(options().verbose(false));

        assertThat(r.err).isEmpty();
        assertThat(r.out).endsWith("\n3/3 digest files valid\n2/2 log files valid\n");
        assertThat(r.rc).isZero();
    }

    @Test
    void pinnedKeysAreTheOnlyOnesTrusted() throws Exception {
        trail.publish(ACCOUNT, REGION, TrailFixture.keyA(), NOV1, null);
        trail.publish(ACCOUNT, REGION, TrailFixture.keyB(), NOV1, null);
        d1 = chain.digest(t("10:00:31"), t("11:00:31"));
        d2 = chain.digest(t("11:00:31"), t("12:00:31"));
        d3 = chain.signWith(TrailFixture.keyB()).digest(t("12:00:31"), t("13:00:31"));
        String answer = PublicKeyList.toJson(List.of(TrailFixture.publicKey(TrailFixture.keyB(), NOV1, null)),
                t("14:00:00"));
        PublicKeySource pinned = PublicKeySource.pinned(PublicKeyList.parse(answer.getBytes(StandardCharsets.UTF_8)));

        Run r = run(options().verbose(false).publicKeys(pinned));

        String fpA = TrailFixture.fingerprint(TrailFixture.keyA());
        assertThat(r.err).isEqualTo(
                digest(d2, "INVALID: public key not found in region us-east-1 for fingerprint " + fpA) + "\n\n"
                + digest(d1, "INVALID: public key not found in region us-east-1 for fingerprint " + fpA) + "\n\n");
        assertThat(r.out).endsWith("\n1/3 digest files valid, 2/3 digest files INVALID\n");
        assertThat(r.rc).isEqualTo(1);
        assertThat(run(options().verbose(false)).rc).isZero();
    }

    @Test
    void aStartTimeStopsTheWalkAfterTheDigestCoveringIt() throws Exception {
        standardTrail();

        Run r = run(options().start(t("12:00:31")));

        assertThat(r.err).isEmpty();
        assertThat(r.out).isEqualTo(header("2026-11-21T12:00:31Z", "2026-11-21T13:30:00Z")
                + digest(d3, "valid") + "\n"
                + log(l3, "valid") + "\n"
                + digest(d2, "valid") + "\n"
                + "\n"
                + "Results requested for 2026-11-21T12:00:31Z to 2026-11-21T13:30:00Z\n"
                + "Results found for 2026-11-21T12:00:31Z to 2026-11-21T13:00:31Z:\n"
                + "\n2/2 digest files valid"
                + "\n1/1 log files valid"
                + "\n");
    }

    @Test
    void anEndTimeSkipsDigestsMoreThanAnHourAfterIt() throws Exception {
        standardTrail();

        Run r = run(options().end(t("11:30:00")));

        assertThat(r.err).isEmpty();
        assertThat(r.out).isEqualTo(header("2026-11-21T10:00:00Z", "2026-11-21T11:30:00Z")
                + digest(d2, "valid") + "\n"
                + digest(d1, "valid") + "\n"
                + log(l1, "valid") + "\n"
                + log(l2, "valid") + "\n"
                + "\n"
                + "Results requested for 2026-11-21T10:00:00Z to 2026-11-21T11:30:00Z\n"
                + "Results found for 2026-11-21T10:00:31Z to 2026-11-21T11:30:00Z:\n"
                + "\n2/2 digest files valid"
                + "\n2/2 log files valid"
                + "\n");
    }

    @Test
    void aRangeWithoutDigestsFindsNone() throws Exception {
        standardTrail();

        Run r = run(options().start(t("20:00:00")).end(t("21:00:00")).verbose(false));

        assertThat(r.out).isEqualTo(header("2026-11-21T20:00:00Z", "2026-11-21T21:00:00Z")
                + "Results requested for 2026-11-21T20:00:00Z to 2026-11-21T21:00:00Z\nNo digests found\n");
        assertThat(r.rc).isZero();
    }

    @Test
    void aRestartedChainReportsTheGapAsTheCliDoes() throws Exception {
        trail.publish(ACCOUNT, REGION, TrailFixture.keyA(), NOV1, null);
        d1 = chain.digest(t("10:00:31"), t("11:00:31"));
        d2 = chain.digest(t("11:00:31"), t("12:00:31"));
        String d3 = chain.restart().digest(t("12:00:31"), t("13:00:31"));
        String d4 = chain.restart().digest(t("14:00:00"), t("15:00:00"));

        Run r = run(options().end(t("15:00:00")));

        assertThat(r.out).isEqualTo(header("2026-11-21T10:00:00Z", "2026-11-21T15:00:00Z")
                + digest(d4, "valid") + "\n"
                + digest(d3, "valid") + "\n"
                + digest(d2, "valid") + "\n"
                + digest(d1, "valid") + "\n"
                + "\n"
                + "Results requested for 2026-11-21T10:00:00Z to 2026-11-21T15:00:00Z\n"
                + "Results found for 2026-11-21T10:00:31Z to 2026-11-21T15:00:00Z:\n"
                + "\n4/4 digest files valid"
                + "\n");
        assertThat(r.err).isEqualTo("\nNo log files were delivered by CloudTrail between 2026-11-21T13:00:31Z and "
                + "2026-11-21T14:00:00Z\n\n");
        assertThat(r.rc).isZero();
    }

    @Test
    void backfillDigestsAreWalkedAfterTheRegularChain() throws Exception {
        standardTrail();
        TrailFixture.Chain backfill = trail.chain(ACCOUNT, REGION, TrailFixture.keyA());
        DigestedLogFile lateLog = backfill.log(t("11:20:00"), "Delayed");
        String bf = backfill.backfillDigest(t("11:00:31"), t("12:00:31"), lateLog);

        Run r = run(options());

        assertThat(r.err).isEmpty();
        assertThat(r.out).contains(log(l2, "valid") + "\n(backfill) " + digest(bf, "valid") + "\n"
                        + log(lateLog, "valid") + "\n")
                .endsWith("\n3/3 digest files valid\n1/1 backfill digest files valid\n4/4 log files valid\n");
        assertThat(r.rc).isZero();
    }

    @Test
    void withoutPublicKeysTheRunStops() throws Exception {
        l1 = chain.log(t("10:05:10"), "GetObject");
        d1 = chain.digest(t("10:00:31"), t("11:00:31"), l1);

        assertThatThrownBy(() -> run(options()))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.isUsage()).isFalse())
                .hasMessage("No public keys found between 2026-11-21T10:00:00Z and 2026-11-21T15:30:00Z");
    }

    @Test
    void theTrailIsFoundFromTheDigestsUnlessSeveralAreThere() throws Exception {
        standardTrail();
        TrailFixture other = new TrailFixture(root, "my-bucket", "", "other-trail", "eu-west-1");
        other.chain().digest(t("10:00:00"), t("11:00:00"));

        assertThatThrownBy(() -> run(options()))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.isUsage()).isTrue())
                .hasMessage("digest files of several trails under s3://my-bucket/AWSLogs/: my-trail (home region "
                        + "us-east-1), other-trail (home region eu-west-1); choose one with --trail-name or --trail-arn");
        assertThat(run(options().trailName("my-trail").verbose(false)).out)
                .endsWith("\n3/3 digest files valid\n3/3 log files valid\n");
        assertThat(run(options().trailArn(ARN).verbose(false)).rc).isZero();
    }

    @Test
    void aPrefixIsPartOfEveryKey() throws Exception {
        trail = new TrailFixture(root, "pre-bucket", "team/trails");
        chain = trail.chain();
        trail.publish(ACCOUNT, REGION, TrailFixture.keyA(), NOV1, null);
        l1 = chain.log(t("10:05:10"), "GetObject");
        d1 = chain.digest(t("10:00:31"), t("11:00:31"), l1);

        Run r = run(options().prefix("/team/trails/"));

        assertThat(r.err).isEmpty();
        assertThat(r.out).contains("Digest file\ts3://pre-bucket/team/trails/AWSLogs/123456789012/CloudTrail-Digest/")
                .endsWith("\n1/1 digest files valid\n1/1 log files valid\n");
        assertThat(r.rc).isZero();
    }

    @Test
    void progressIsReportedOnlyForLongRuns() throws Exception {
        standardTrail();

        Run quick = run(options().verbose(false));
        assertThat(quick.err).isEmpty();

        Run slow = run(options().verbose(false).progressEvery(java.time.Duration.ofMillis(1))
                .otherBuckets(b -> null));
        assertThat(slow.err).matches("(?s)(validated \\d+ digests, \\d+ log files, \\d+ MB\\.\\.\\.\n)*");
    }
}
