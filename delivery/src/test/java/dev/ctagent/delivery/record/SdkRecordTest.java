package dev.ctagent.delivery.record;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ctagent.runtime.capture.CapturedCall;
import dev.ctagent.runtime.capture.SdkCall;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** SDK calls as records: the mapping of SdkRecordWriter, over a map-backed model. */
class SdkRecordTest {
    private static final long TIME = 1_767_323_045_000L; // 2026-01-02T03:04:05Z
    private final RecordSerializer serializer = new RecordSerializer(TestConfigs.config());

    private static Map<String, Object> map(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    private static CapturedCall call(String service, String operation, Object request, Object response,
            Throwable error) {
        CapturedCall c = new CapturedCall();
        c.kind = CapturedCall.SDK;
        c.eventTimeMillis = TIME;
        SdkCall s = c.sdk;
        s.model = new MapModel();
        s.service = service;
        s.operation = operation;
        s.request = request;
        s.response = response;
        s.error = error;
        s.region = "us-west-2";
        s.credentials = "AKIAEXAMPLEKEY";
        s.userAgent = "aws-sdk-java/2.41.0";
        return c;
    }

    private JsonNode record(CapturedCall call) {
        return record(serializer, call);
    }

    private static JsonNode record(RecordSerializer serializer, CapturedCall call) {
        SerializedRecord r = serializer.serialize(call);
        assertThat(r).as("record built").isNotNull();
        return StrictJson.parse(r);
    }

    private static List<String> keys(JsonNode node) {
        List<String> keys = new ArrayList<>();
        node.fieldNames().forEachRemaining(keys::add);
        return keys;
    }

    @Test
    void writeCallHasCloudTrailsFieldsInOrder() {
        JsonNode r = record(call("s3", "PutObject", map("Bucket", "b1", "Key", "k1", "ContentType", "text/plain"),
                map("ETag", "\"e\"", "$requestId", "REQ1"), null));

        assertThat(keys(r)).containsExactly("eventVersion", "userIdentity", "eventTime", "eventSource", "eventName",
                "awsRegion", "sourceIPAddress", "userAgent", "requestParameters", "responseElements", "requestID",
                "eventID", "readOnly", "resources", "eventType", "managementEvent", "recipientAccountId",
                "eventCategory");
        assertThat(r.get("eventSource").textValue()).isEqualTo("s3.amazonaws.com");
        assertThat(r.get("eventName").textValue()).isEqualTo("PutObject");
        assertThat(r.get("eventTime").textValue()).isEqualTo("2026-01-02T03:04:05Z");
        assertThat(r.get("awsRegion").textValue()).isEqualTo("us-west-2");
        assertThat(r.get("userAgent").textValue()).isEqualTo("aws-sdk-java/2.41.0");
        assertThat(r.get("requestParameters").toString())
                .isEqualTo("{\"bucketName\":\"b1\",\"key\":\"k1\",\"contentType\":\"text/plain\"}");
        assertThat(r.get("responseElements").toString()).isEqualTo("{\"eTag\":\"\\\"e\\\"\"}");
        assertThat(r.get("requestID").textValue()).isEqualTo("REQ1");
        assertThat(r.get("readOnly").booleanValue()).isFalse();
        assertThat(r.get("eventType").textValue()).isEqualTo("AwsApiCall");
        assertThat(r.get("eventCategory").textValue()).isEqualTo("Data");
        assertThat(r.get("managementEvent").booleanValue()).isFalse();
        assertThat(r.get("resources").toString()).isEqualTo("[{\"ARN\":\"arn:aws:s3:::b1/k1\",\"type\":\"AWS::S3::Object\"},"
                + "{\"ARN\":\"arn:aws:s3:::b1\",\"accountId\":\"111122223333\",\"type\":\"AWS::S3::Bucket\"}]");
        assertThat(r.get("userIdentity").toString()).isEqualTo(
                "{\"type\":\"IAMUser\",\"accountId\":\"111122223333\",\"accessKeyId\":\"AKIAEXAMPLEKEY\"}");
        assertThat(r.get("sourceIPAddress").textValue()).isNotBlank();
    }

    @Test
    void readOnlyCallHasNullResponseElementsAndReadVerbsAreReadOnly() {
        for (String op : List.of("GetItem", "Query", "Scan", "BatchGetItem", "DescribeTable", "ListTables")) {
            JsonNode r = record(call("dynamodb", op, map("TableName", "t1"), map("Item", map()), null));
            assertThat(r.get("readOnly").booleanValue()).as(op).isTrue();
            assertThat(r.get("responseElements").isNull()).as(op).isTrue();
        }
        for (String op : List.of("PutItem", "CreateTable", "UpdateItem", "Listen", "Getaway")) {
            JsonNode r = record(call("dynamodb", op, map("TableName", "t1"), map(), null));
            assertThat(r.get("readOnly").booleanValue()).as(op).isFalse();
        }
    }

    @Test
    void dataEventsAreTheOnesCloudTrailLogsAsData() {
        assertThat(category("s3", "GetObject")).isEqualTo("Data");
        assertThat(category("s3", "ListObjectsV2")).isEqualTo("Data");
        assertThat(category("s3", "CreateMultipartUpload")).isEqualTo("Data");
        assertThat(category("s3", "CreateBucket")).isEqualTo("Management");
        assertThat(category("s3", "PutObjectLockConfiguration")).isEqualTo("Management");
        assertThat(category("dynamodb", "PutItem")).isEqualTo("Data");
        assertThat(category("dynamodb", "CreateTable")).isEqualTo("Management");
        assertThat(category("sqs", "SendMessage")).isEqualTo("Data");
        assertThat(category("sqs", "CreateQueue")).isEqualTo("Management");
        assertThat(category("sns", "Publish")).isEqualTo("Data");
        assertThat(category("lambda", "Invoke")).isEqualTo("Data");
        assertThat(category("sts", "GetCallerIdentity")).isEqualTo("Management");
    }

    private String category(String service, String op) {
        return record(call(service, op, map(), map(), null)).get("eventCategory").textValue();
    }

    @Test
    void serviceErrorGivesCodeMessageAndRequestId() {
        JsonNode r = record(call("s3", "GetObject", map("Bucket", "nope", "Key", "k"), null,
                new MapModel.ServiceError("NoSuchBucket", "The specified bucket does not exist", "REQ9")));
        assertThat(r.get("errorCode").textValue()).isEqualTo("NoSuchBucket");
        assertThat(r.get("errorMessage").textValue()).isEqualTo("The specified bucket does not exist");
        assertThat(r.get("requestID").textValue()).isEqualTo("REQ9");
        assertThat(r.get("responseElements").isNull()).isTrue();
    }

    @Test
    void clientSideFailureHasNoRequestId() {
        JsonNode r = record(call("sqs", "ListQueues", map(), null, new IllegalStateException("Connection refused")));
        assertThat(r.get("errorCode").textValue()).isEqualTo("IllegalStateException");
        assertThat(r.get("errorMessage").textValue()).isEqualTo("Connection refused");
        assertThat(r.has("requestID")).isFalse();
    }

    @Test
    void sensitiveRedactedAndPayloadMembersAreHidden() {
        JsonNode r = record(call("secretsmanager", "CreateSecret",
                map("Name", "s1", "SecretString", MapModel.SENSITIVE, "ClientRequestToken", "tok",
                        "Tags", List.of(map("Key", "password", "Value", "v"))), map("ARN",
                        "arn:aws:secretsmanager:us-west-2:444455556666:secret:s1-AbCdEf"), null));
        JsonNode p = r.get("requestParameters");
        assertThat(p.get("secretString").textValue()).isEqualTo(Redaction.HIDDEN);
        assertThat(p.get("clientRequestToken").textValue()).isEqualTo(Redaction.HIDDEN); // ct.redact.keys: token
        assertThat(p.get("tags").get(0).get("value").textValue()).isEqualTo("v"); // a tag's name is data, not a key
        assertThat(r.get("resources").get(0).get("ARN").textValue())
                .isEqualTo("arn:aws:secretsmanager:us-west-2:444455556666:secret:s1-AbCdEf");
        assertThat(r.get("resources").get(0).get("accountId").textValue()).isEqualTo("444455556666");

        JsonNode sqs = record(call("sqs", "SendMessage", map("QueueUrl",
                "http://127.0.0.1:4566/123456789012/q1", "MessageBody", "hello"), map("MessageId", "m"), null));
        assertThat(sqs.get("requestParameters").get("messageBody").textValue()).isEqualTo(Redaction.HIDDEN);
        assertThat(sqs.get("resources").get(0).get("ARN").textValue()).isEqualTo("arn:aws:sqs:us-west-2:123456789012:q1");

        RecordSerializer withBodies = new RecordSerializer(TestConfigs.config("ct.capture.awsSdk.messageBodies", "true"));
        JsonNode shown = record(withBodies, call("sqs", "SendMessage", map("QueueUrl", "u", "MessageBody", "hello"),
                map(), null));
        assertThat(shown.get("requestParameters").get("messageBody").textValue()).isEqualTo("hello");

        // SSM's parameter value: sensitive in today's model, not in old SDK v1 models, so hidden by name too
        JsonNode ssm = record(withBodies, call("ssm", "PutParameter", map("Name", "/p1", "Value", "v1", "Type",
                "SecureString"), map(), null));
        assertThat(ssm.get("requestParameters").get("value").textValue()).isEqualTo(Redaction.HIDDEN);
    }

    @Test
    void mapKeysAreWrittenAsTheyAreAndBlobsAsTheirLength() {
        JsonNode r = record(call("dynamodb", "PutItem", map("TableName", "t1",
                "Key", map("id", map("S", "a")), "ReturnConsumedCapacity", "TOTAL"), map(), null));
        JsonNode p = r.get("requestParameters");
        assertThat(p.get("key").toString()).isEqualTo("{\"id\":{\"s\":\"a\"}}");
        assertThat(r.get("responseElements").isNull()).as("an empty response is null").isTrue();
        assertThat(r.get("resources").get(0).get("ARN").textValue())
                .isEqualTo("arn:aws:dynamodb:us-west-2:111122223333:table/t1");

        JsonNode lambda = record(call("lambda", "Invoke", map("FunctionName", "f1", "Payload", new byte[42]), map(), null));
        assertThat(lambda.get("requestParameters").get("payload").toString()).isEqualTo("{\"byteLength\":42}");
        assertThat(lambda.get("resources").get(0).get("ARN").textValue())
                .isEqualTo("arn:aws:lambda:us-west-2:111122223333:function:f1");
    }

    @Test
    void noParametersIsNull() {
        JsonNode r = record(call("sts", "GetCallerIdentity", map(), map("Account", "123456789012"), null));
        assertThat(r.get("requestParameters").isNull()).isTrue();
    }

    @Test
    void whatStsToldTheApplicationIdentifiesLaterCalls() {
        JsonNode who = record(call("sts", "GetCallerIdentity", map(), map("Account", "123456789012",
                "Arn", "arn:aws:iam::123456789012:user/alice", "UserId", "AIDAEXAMPLE"), null));
        assertThat(who.get("userIdentity").toString()).isEqualTo("{\"type\":\"IAMUser\",\"principalId\":\"AIDAEXAMPLE\","
                + "\"arn\":\"arn:aws:iam::123456789012:user/alice\",\"accountId\":\"123456789012\","
                + "\"accessKeyId\":\"AKIAEXAMPLEKEY\",\"userName\":\"alice\"}");
        assertThat(who.get("recipientAccountId").textValue()).isEqualTo("123456789012");

        record(call("sts", "AssumeRole", map("RoleArn", "arn:aws:iam::123456789012:role/R", "RoleSessionName", "s1"),
                map("Credentials", map("AccessKeyId", "ASIANEWKEY", "SecretAccessKey", MapModel.SENSITIVE,
                        "SessionToken", "tok"), "AssumedRoleUser", map("Arn",
                        "arn:aws:sts::123456789012:assumed-role/R/s1", "AssumedRoleId", "AROAEXAMPLE:s1")), null));
        CapturedCall asRole = call("s3", "ListBuckets", map(), map(), null);
        asRole.sdk.credentials = "ASIANEWKEY:session";
        JsonNode id = record(asRole).get("userIdentity");
        assertThat(id.get("type").textValue()).isEqualTo("AssumedRole");
        assertThat(id.get("arn").textValue()).isEqualTo("arn:aws:sts::123456789012:assumed-role/R/s1");
        assertThat(id.get("principalId").textValue()).isEqualTo("AROAEXAMPLE:s1");
        assertThat(id.get("accountId").textValue()).isEqualTo("123456789012");
        assertThat(id.get("sessionContext").get("sessionIssuer").toString()).isEqualTo("{\"type\":\"Role\","
                + "\"principalId\":\"AROAEXAMPLE\",\"arn\":\"arn:aws:iam::123456789012:role/R\","
                + "\"accountId\":\"123456789012\",\"userName\":\"R\"}");
    }

    @Test
    void assumeRoleCredentialsNeverReachTheRecord() {
        JsonNode r = record(call("sts", "AssumeRole", map("RoleArn", "arn:aws:iam::1:role/R"),
                map("Credentials", map("AccessKeyId", "ASIAX", "SecretAccessKey", MapModel.SENSITIVE,
                        "SessionToken", "FwoGZXIvYXdzSESSIONCANARY")), null));
        assertThat(r.toString()).doesNotContain("SESSIONCANARY");
        // "credential" is among ct.redact.keys' defaults: the whole object goes
        assertThat(r.get("responseElements").get("credentials").textValue()).isEqualTo(Redaction.HIDDEN);
    }

    @Test
    void unknownKeysAndUnsignedCallsStillHaveAnIdentity() {
        CapturedCall moto = call("s3", "ListBuckets", map(), map(), null);
        moto.sdk.credentials = "test";
        assertThat(record(moto).get("userIdentity").get("type").textValue()).isEqualTo("Unknown");
        CapturedCall anonymous = call("s3", "ListBuckets", map(), map(), null);
        anonymous.sdk.credentials = null;
        assertThat(record(anonymous).get("userIdentity").toString())
                .isEqualTo("{\"type\":\"AWSAccount\",\"principalId\":\"\",\"accountId\":\"anonymous\"}");
    }

    @Test
    void regionFallsBackToTheConfiguredOneAndEventSourceFollowsTheSigningName() {
        CapturedCall c = call("rds-data", "ExecuteStatement", map(), map(), null);
        c.sdk.region = null;
        JsonNode r = record(c);
        assertThat(r.get("awsRegion").textValue()).isEqualTo("eu-west-1");
        assertThat(r.get("eventSource").textValue()).isEqualTo("rdsdata.amazonaws.com");
        assertThat(record(call("monitoring", "PutMetricData", map(), map(), null)).get("eventSource").textValue())
                .isEqualTo("monitoring.amazonaws.com");
    }

    @Test
    void lowerCamelCaseLowersALeadingAcronymWhole() {
        ModelJsonWriter w = new ModelJsonWriter(new Redaction(List.of()));
        assertThat(w.lowerCamel("TableName")).isEqualTo("tableName");
        assertThat(w.lowerCamel("SSECustomerKey")).isEqualTo("sseCustomerKey");
        assertThat(w.lowerCamel("ARN")).isEqualTo("arn");
        assertThat(w.lowerCamel("S")).isEqualTo("s");
        assertThat(w.lowerCamel("eTag")).isEqualTo("eTag");
        assertThat(w.lowerCamel("KMSKeyId")).isEqualTo("kmsKeyId");
    }

    @Test
    void hostileValuesStillMakeValidJson() {
        String hostile = "\"quote\\ back\u0000nul \ud800 lone surrogate \n newline";
        JsonNode r = record(call("s3", "PutObject", map("Bucket", hostile, "Key", hostile,
                "Metadata", map(hostile, hostile)), map(), null));
        assertThat(r.get("requestParameters").get("key").textValue()).startsWith("\"quote\\ back\u0000nul");
    }

    @Test
    void theProcessingLibraryReadsSdkRecords() throws Exception {
        List<CapturedCall> calls = List.of(
                call("s3", "PutObject", map("Bucket", "b1", "Key", "k1"), map("ETag", "e", "$requestId", "R1"), null),
                call("dynamodb", "GetItem", map("TableName", "t1", "Key", map("id", map("S", "a"))), map(), null),
                call("s3", "GetObject", map("Bucket", "nope"), null, new MapModel.ServiceError("NoSuchBucket", "m", "R2")),
                call("sqs", "ListQueues", map(), null, new IllegalStateException("Connection refused")));
        List<byte[]> records = new ArrayList<>();
        for (CapturedCall c : calls) {
            records.add(Calls.copy(serializer.serialize(c)));
        }
        List<com.amazonaws.services.cloudtrail.processinglibrary.model.CloudTrailEvent> events =
                CloudTrailParserCheck.parseAll(CloudTrailParserCheck.logFileOf(records));
        assertThat(events).hasSize(4);
        assertThat(events.get(0).getEventData().getEventSource()).isEqualTo("s3.amazonaws.com");
        assertThat(events.get(0).getEventData().isManagementEvent()).isFalse();
        assertThat(events.get(0).getEventData().getResources()).hasSize(2);
        assertThat(events.get(0).getEventData().getResources().get(0).getArn()).isEqualTo("arn:aws:s3:::b1/k1");
        assertThat(events.get(0).getEventData().getUserIdentity().getAccessKeyId()).isEqualTo("AKIAEXAMPLEKEY");
        assertThat(events.get(1).getEventData().isReadOnly()).isTrue();
        assertThat(events.get(2).getEventData().getErrorCode()).isEqualTo("NoSuchBucket");
        assertThat(events.get(2).getEventData().getRequestId()).isEqualTo("R2");
        assertThat(events.get(3).getEventData().getRequestId()).isNull();
    }
}
