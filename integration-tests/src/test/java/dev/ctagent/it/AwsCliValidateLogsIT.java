package dev.ctagent.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ctagent.it.awscli.AwsCli;
import dev.ctagent.it.awscli.CliRun;
import dev.ctagent.it.awscli.FakeCloudTrail;
import dev.ctagent.delivery.aws.MotoServerProcess;
import dev.ctagent.it.awscli.TrailUpload;
import dev.ctagent.it.awscli.ValidationReport;
import dev.ctagent.it.awscli.ValidationReport.Entry;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * A trail the real agent wrote (Spring Boot app, 25 s of load, digests every 10 s, SIGTERM) is valid for our
 * own {@code validate-logs} and, uploaded to an S3 emulator, for the real {@code aws cloudtrail validate-logs},
 * with the same digests and log files found valid by both.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AwsCliValidateLogsIT {
    private AgentTrail trail;
    private MotoServerProcess moto;
    private FakeCloudTrail cloudTrail;
    private AwsCli aws;
    private CliRun ours;

    @BeforeAll
    void setUp() throws Exception {
        trail = AgentTrail.shared();
        ours = AgentTrail.CLI.validateLogs(trail.bucketFolder(), AgentTrail.TRAIL);
        moto = MotoServerProcess.start();
        cloudTrail = FakeCloudTrail.start().publicKeys(AgentTrail.listPublicKeys(trail.bucketFolder()));
        cloudTrail.addTrail(AgentTrail.TRAIL, AgentTrail.REGION, AgentTrail.ACCOUNT, AgentTrail.BUCKET, "");
        try (TrailUpload upload = new TrailUpload(moto.endpoint().toString())) {
            upload.createBucket(AgentTrail.BUCKET);
            TrailUpload.Result up = upload.upload(trail.bucketFolder(), AgentTrail.BUCKET);
            assertThat(up.digests()).isEqualTo(trail.digestKeys());
            assertThat(up.unsignedDigests()).as("every digest has its signature sidecar").isEmpty();
            assertThat(up.logFiles()).isEqualTo(trail.logFileKeys());
            assertThat(up.skipped()).as("nothing but trail objects in the bucket folder").isEmpty();
        }
        aws = new AwsCli(moto.endpoint().toString(), cloudTrail.endpoint(), AgentTrail.REGION);
    }

    @AfterAll
    void tearDown() throws Exception {
        if (cloudTrail != null) {
            cloudTrail.close();
        }
        if (moto != null) {
            moto.close();
        }
    }

    @Test
    void ourValidatorFindsEveryDigestAndLogFileValid() throws Exception {
        assertThat(ours.rc()).as(ours.toString()).isZero();
        ValidationReport r = ours.report();
        assertThat(r.notValid()).as(ours.toString()).isEmpty();
        assertThat(keys(r.entries(ValidationReport.DIGEST))).as("digests reported")
                .containsExactlyInAnyOrderElementsOf(trail.digestKeys());
        assertThat(trail.digestKeys()).as("25 s with a digest every 10 s, plus the final one").hasSizeGreaterThanOrEqualTo(3);
        assertThat(keys(r.entries(ValidationReport.LOG))).as("every log file is listed by a digest")
                .containsExactlyInAnyOrderElementsOf(trail.logFileKeys());
        assertThat(trail.logFileKeys()).as("a log file every 2 s").hasSizeGreaterThanOrEqualTo(8);
        int digests = trail.digestKeys().size();
        int logs = trail.logFileKeys().size();
        assertThat(r.count("digest files", "valid")).containsExactly(digests, digests);
        assertThat(r.count("log files", "valid")).containsExactly(logs, logs);
        assertThat(r.entries()).allSatisfy(e -> assertThat(e.object()).startsWith("s3://" + AgentTrail.BUCKET + "/"));
    }

    @Test
    void theAwsCliFindsTheSameDigestsAndLogFilesValid() throws Exception {
        cloudTrail.clearRequests();
        CliRun run = aws.validateLogs(AgentTrail.ARN, trail.started, null, AgentTrail.BUCKET);
        assertThat(run.rc()).as(run.toString()).isZero();
        ValidationReport r = run.report();
        assertThat(r.notValid()).as(run.toString()).isEmpty();
        assertThat(run.stderr()).as("nothing on stderr: no gap, no invalid object").isBlank();
        assertThat(keys(r.entries(ValidationReport.DIGEST))).containsExactlyInAnyOrderElementsOf(trail.digestKeys());
        assertThat(keys(r.entries(ValidationReport.LOG))).containsExactlyInAnyOrderElementsOf(trail.logFileKeys());
        ValidationReport ourReport = ours.report();
        assertThat(r.count("digest files", "valid")).isEqualTo(ourReport.count("digest files", "valid"));
        assertThat(r.count("log files", "valid")).isEqualTo(ourReport.count("log files", "valid"));
        assertThat(cloudTrail.operations()).as("with --s3-bucket the CLI only asks for the public keys")
                .containsExactly("ListPublicKeys");
        assertThat(cloudTrail.requests().get(0).body().get("StartTime").asLong()).as("epoch seconds on the wire")
                .isEqualTo(trail.started.getEpochSecond());
        assertThat(run.stdout()).startsWith("Validating log files for trail " + AgentTrail.ARN + " between ");
    }

    @Test
    void withoutABucketTheAwsCliFindsTheTrailThroughDescribeTrails() throws Exception {
        cloudTrail.clearRequests();
        CliRun run = aws.validateLogs(AgentTrail.ARN, trail.started, null, null);
        assertThat(run.rc()).as(run.toString()).isZero();
        int digests = trail.digestKeys().size();
        int logs = trail.logFileKeys().size();
        assertThat(run.report().count("digest files", "valid")).containsExactly(digests, digests);
        assertThat(run.report().count("log files", "valid")).containsExactly(logs, logs);
        assertThat(cloudTrail.operations()).containsExactly("DescribeTrails", "ListPublicKeys");
    }

    private static List<String> keys(List<Entry> entries) {
        return entries.stream().map(Entry::key).toList();
    }
}
