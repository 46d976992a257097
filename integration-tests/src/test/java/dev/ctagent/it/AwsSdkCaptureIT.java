package dev.ctagent.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ctagent.it.SdkScenario.Call;
import dev.ctagent.delivery.aws.MotoServerProcess;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Plain Java apps calling AWS services (moto) through SDK v2 and v1, each at its newest and its oldest supported
 * version, with the real agent jar: every SDK call that goes out becomes exactly one record, as CloudTrail
 * would have written it, and no payload or secret reaches the trail.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AwsSdkCaptureIT {
    enum App {
        V2(Paths.SDK_V2_APP), V1(Paths.SDK_V1_APP), V2_OLD(Paths.SDK_V2_OLD_APP), V1_OLD(Paths.SDK_V1_OLD_APP);

        final Path jar;

        App(Path jar) {
            this.jar = jar;
        }
    }

    /** What every app does, in order (test-apps/aws-sdk-v2 Scenario, test-apps/aws-sdk-v1 Scenario). */
    static final List<Call> EXPECTED_CALLS = List.of(
            new Call("S3", "CreateBucket", "ok"),
            new Call("S3", "PutObject", "ok"),
            new Call("S3", "GetObject", "ok"),
            new Call("S3", "ListObjectsV2", "ok"),
            new Call("S3", "DeleteObject", "ok"),
            new Call("S3", "GetObject", "NoSuchBucket"),
            new Call("DynamoDb", "CreateTable", "ok"),
            new Call("DynamoDb", "PutItem", "ok"),
            new Call("DynamoDb", "GetItem", "ok"),
            new Call("DynamoDb", "Query", "ok"),
            new Call("DynamoDb", "PutItem", "ConditionalCheckFailedException"),
            new Call("Sqs", "CreateQueue", "ok"),
            new Call("Sqs", "SendMessage", "ok"),
            new Call("Sqs", "ReceiveMessage", "ok"),
            new Call("Sts", "GetCallerIdentity", "ok"),
            new Call("Sts", "AssumeRole", "ok"),
            new Call("SecretsManager", "CreateSecret", "ok"),
            new Call("SecretsManager", "PutSecretValue", "ok"),
            new Call("Ssm", "PutParameter", "ok"),
            new Call("Sqs", "ListQueues", "ok"), // the async client
            new Call("S3", "HeadBucket", "ok"), // two clients of one service, one call each
            new Call("S3", "HeadBucket", "ok"),
            new Call("Sqs", "ListQueues", "SdkClientException")); // connection refused, no retry
    static final String CLIENT_FAILURE = "sqs.amazonaws.com ListQueues SdkClientException";
    static final String BUCKET = "ct-b1";
    static final Set<String> READ_ONLY = Set.of("GetObject", "ListObjectsV2", "GetItem", "Query", "ReceiveMessage",
            "GetCallerIdentity", "HeadBucket", "ListQueues");
    static final Set<String> DATA_EVENTS = Set.of("PutObject", "GetObject", "ListObjectsV2", "DeleteObject",
            "PutItem", "GetItem", "Query", "SendMessage", "ReceiveMessage");
    static final Set<String> S3_OBJECT_CALLS = Set.of("PutObject", "GetObject", "DeleteObject");

    private MotoServerProcess moto;
    private final Map<App, SdkScenario> runs = new EnumMap<>(App.class);
    private SdkScenario captureOff;

    /** Each app in turn on a fresh moto: 2 to 3 s each. */
    @BeforeAll
    void runEveryApp(@TempDir Path work) throws Exception {
        moto = MotoServerProcess.start();
        for (App app : App.values()) {
            moto.reset();
            runs.put(app, SdkScenario.run(app.jar, moto, work.resolve(app.name())));
        }
        moto.reset();
        captureOff = SdkScenario.run(App.V2.jar, moto, work.resolve("capture-off"),
                Map.of("ct.capture.awsSdk.enabled", "false"));
    }

    @Test
    void withSdkCaptureSwitchedOffTheAppRunsTheSameAndNothingIsRecorded() {
        assertThat(captureOff.exitCode).as(captureOff.toString()).isZero();
        assertThat(captureOff.calls()).as(captureOff.toString()).containsExactlyElementsOf(EXPECTED_CALLS);
        assertThat(captureOff.records).as("records with ct.capture.awsSdk.enabled=false").isEmpty();
    }

    @AfterAll
    void stopMoto() throws Exception {
        if (moto != null) {
            moto.close();
        }
    }

    @ParameterizedTest
    @EnumSource(App.class)
    void theAppRanTheWholeScenarioAndTheAgentHadNothingToReport(App app) {
        SdkScenario run = runs.get(app);
        assertThat(run.exitCode).as(run.toString()).isZero();
        assertThat(run.stdout).as(run.toString()).contains("PRESIGNED", "SCENARIO DONE");
        assertThat(run.calls()).as(run.toString()).containsExactlyElementsOf(EXPECTED_CALLS);
        assertThat(run.stderr).as("the agent's complaints").noneMatch(AwsSdkCaptureIT::agentComplaint);
    }

    /** Any line of the agent's but its stop summary (which counts {@code failed=N}) saying something went wrong. */
    private static boolean agentComplaint(String line) {
        String lower = line.toLowerCase(Locale.ROOT);
        return line.contains("[ct-agent]") && !line.contains("] stopped: ")
                && (lower.contains("could not") || lower.contains("failed") || line.contains("Exception"));
    }

    /** Also: the presign made none (one GetObject record only), and two clients make two HeadBucket records. */
    @ParameterizedTest
    @EnumSource(App.class)
    void everyCallIsExactlyOneValidRecord(App app) {
        SdkScenario run = runs.get(app);
        run.records.forEach(CloudTrailRules::assertValid);
        Map<String, Long> expected = EXPECTED_CALLS.stream()
                .collect(Collectors.groupingBy(Call::key, Collectors.counting()));
        Map<String, Long> recorded = run.records.stream()
                .collect(Collectors.groupingBy(SdkScenario::key, Collectors.counting()));
        assertThat(recorded).as("records by (eventSource, eventName, errorCode)\n" + run)
                .isEqualTo(expected);
    }

    @ParameterizedTest
    @EnumSource(App.class)
    void recordsClassifyTheCallAsCloudTrailDoes(App app) {
        for (JsonNode r : sdkRecords(app)) {
            String name = r.path("eventName").asText();
            String ctx = SdkScenario.key(r);
            assertThat(r.path("eventType").asText()).as(ctx).isEqualTo("AwsApiCall");
            assertThat(r.path("awsRegion").asText()).as(ctx).isEqualTo(SdkScenario.REGION);
            assertThat(r.path("readOnly").isBoolean()).as(ctx + " readOnly").isTrue();
            assertThat(r.path("readOnly").asBoolean()).as(ctx + " readOnly").isEqualTo(READ_ONLY.contains(name));
            boolean data = DATA_EVENTS.contains(name);
            assertThat(r.path("eventCategory").asText()).as(ctx).isEqualTo(data ? "Data" : "Management");
            assertThat(r.path("managementEvent").isBoolean()).as(ctx + " managementEvent").isTrue();
            assertThat(r.path("managementEvent").asBoolean()).as(ctx + " managementEvent").isEqualTo(!data);
            assertThat(r.path("userAgent").asText()).as(ctx).contains("aws-sdk-java");
        }
    }

    @ParameterizedTest
    @EnumSource(App.class)
    void errorsCarryTheServiceErrorCodeOrTheClientException(App app) {
        SdkScenario run = runs.get(app);
        JsonNode noSuchBucket = only(run, "s3.amazonaws.com GetObject NoSuchBucket");
        assertThat(noSuchBucket.path("errorMessage").asText()).as("errorMessage").isNotBlank();
        only(run, "dynamodb.amazonaws.com PutItem ConditionalCheckFailedException");
        JsonNode unreachable = only(run, CLIENT_FAILURE);
        assertThat(unreachable.has("requestID")).as("no response, so no request id").isFalse();
    }

    /** moto answers every call with an id; the SDK's placeholder for a missing one ("UNKNOWN") is not an id. */
    @ParameterizedTest
    @EnumSource(App.class)
    void everyCallThatReachedTheServiceHasItsRequestId(App app) {
        for (JsonNode r : sdkRecords(app)) {
            if (!SdkScenario.key(r).equals(CLIENT_FAILURE)) {
                assertThat(r.path("requestID").asText()).as(SdkScenario.key(r)).isNotBlank().isNotEqualTo("UNKNOWN");
            }
        }
    }

    @ParameterizedTest
    @EnumSource(App.class)
    void requestParametersNameWhatWasCalledAndReadsHaveNoResponse(App app) {
        for (JsonNode r : sdkRecords(app)) {
            String ctx = SdkScenario.key(r);
            String source = r.path("eventSource").asText();
            String name = r.path("eventName").asText();
            JsonNode params = r.path("requestParameters");
            if (source.equals("s3.amazonaws.com")) {
                assertThat(params.path("bucketName").asText()).as(ctx + " bucketName").isNotEmpty();
                if (S3_OBJECT_CALLS.contains(name)) {
                    assertThat(params.path("key").asText()).as(ctx + " key").isEqualTo("k1");
                }
            }
            if (source.equals("dynamodb.amazonaws.com")) {
                assertThat(params.path("tableName").asText()).as(ctx + " tableName").isEqualTo("t1");
            }
            if (name.equals("SendMessage") || name.equals("ReceiveMessage")) {
                assertThat(params.path("queueUrl").asText()).as(ctx + " queueUrl").endsWith("/q1");
            }
            if (READ_ONLY.contains(name)) {
                assertThat(r.path("responseElements").isNull()).as(ctx + " responseElements").isTrue();
            }
        }
        SdkScenario run = runs.get(app);
        assertThat(only(run, "s3.amazonaws.com PutObject ok").path("requestParameters").path("bucketName").asText())
                .isEqualTo(BUCKET);
        JsonNode createQueue = only(run, "sqs.amazonaws.com CreateQueue ok");
        assertThat(createQueue.path("requestParameters").path("queueName").asText()).isEqualTo("q1");
        assertThat(createQueue.path("responseElements").path("queueUrl").asText()).endsWith("/q1");
    }

    @ParameterizedTest
    @EnumSource(App.class)
    void theIdentityIsTheCallersAccessKeyAndOnceKnownItsAccount(App app) {
        int whoAmI = EXPECTED_CALLS.indexOf(new Call("Sts", "GetCallerIdentity", "ok"));
        Set<String> afterWhoAmI = EXPECTED_CALLS.subList(whoAmI + 1, EXPECTED_CALLS.size()).stream()
                .map(Call::key).collect(Collectors.toSet());
        for (JsonNode r : sdkRecords(app)) {
            String ctx = SdkScenario.key(r);
            JsonNode id = r.path("userIdentity");
            assertThat(id.path("type").asText()).as(ctx).isEqualTo("IAMUser");
            assertThat(id.path("accessKeyId").asText()).as(ctx).isEqualTo(SdkScenario.ACCESS_KEY_ID);
            String account = afterWhoAmI.contains(ctx) || ctx.contains("GetCallerIdentity") ? SdkScenario.ACCOUNT
                    : SdkScenario.CONFIGURED_ACCOUNT;
            assertThat(id.path("accountId").asText()).as(ctx + " accountId").isEqualTo(account);
            assertThat(r.path("recipientAccountId").asText()).as(ctx + " recipientAccountId").isEqualTo(account);
        }
    }

    @ParameterizedTest
    @EnumSource(App.class)
    void resourcesNameTheObjectAndTheTable(App app) {
        SdkScenario run = runs.get(app);
        assertThat(resources(only(run, "s3.amazonaws.com PutObject ok"))).anySatisfy(r -> {
            assertThat(r.path("ARN").asText()).isEqualTo("arn:aws:s3:::" + BUCKET + "/k1");
            assertThat(r.path("type").asText()).isEqualTo("AWS::S3::Object");
        });
        assertThat(resources(only(run, "dynamodb.amazonaws.com CreateTable ok"))).anySatisfy(r -> {
            assertThat(r.path("ARN").asText()).endsWith(":table/t1");
            assertThat(r.path("type").asText()).isEqualTo("AWS::DynamoDB::Table");
        });
    }

    /** Object and message bodies, secret strings, the parameter value, and every secret key: none is written. */
    @ParameterizedTest
    @EnumSource(App.class)
    void payloadsAndCredentialsAreNowhereInTheTrail(App app) throws Exception {
        SdkScenario run = runs.get(app);
        assertThat(run.assumed).as("the app received AssumeRole credentials")
                .containsKeys("ASSUMED_SECRET", "ASSUMED_SESSION_TOKEN");
        TrailFiles.assertNowhere(run.trailDir, run.canary);
        TrailFiles.assertNowhere(run.trailDir, run.assumed.get("ASSUMED_SECRET"));
        TrailFiles.assertNowhere(run.trailDir, run.assumed.get("ASSUMED_SESSION_TOKEN"));
        TrailFiles.assertNowhere(run.trailDir, SdkScenario.SECRET_ACCESS_KEY);
    }

    /** The run's records, failing when there are none (so that a check of every record is never vacuous). */
    private List<JsonNode> sdkRecords(App app) {
        SdkScenario run = runs.get(app);
        assertThat(run.records).as("SDK records of " + run).isNotEmpty();
        return run.records;
    }

    private static JsonNode only(SdkScenario run, String key) {
        List<JsonNode> found = run.records(key);
        assertThat(found).as("records " + key).hasSize(1);
        return found.get(0);
    }

    private static List<JsonNode> resources(JsonNode record) {
        return StreamSupport.stream(record.path("resources").spliterator(), false).collect(Collectors.toList());
    }
}
