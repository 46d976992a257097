package dev.ctagent.testapps.sdkv2;

import static dev.ctagent.testapps.sdkv2.Calls.call;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import software.amazon.awssdk.core.retry.RetryPolicy;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.ParameterType;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.Credentials;

/**
 * The calls the integration test expects one CloudTrail record each for (plus a presign, which must yield
 * none). Every value derived from the canary is a payload the agent must never write.
 */
final class Scenario {
    private static final String BUCKET = "ct-b1"; // S3 (and the SDK) want 3 to 63 characters
    private static final String KEY = "k1";
    private static final String TABLE = "t1";
    private static final Map<String, AttributeValue> ITEM_KEY = Map.of("id", text("a"));
    private static final URI UNREACHABLE = URI.create("http://127.0.0.1:1");

    private final Clients clients;
    private final String canary;
    private final Path secretsFile;
    private S3Client s3;

    Scenario(Clients clients, String canary, Path secretsFile) {
        this.clients = clients;
        this.canary = canary;
        this.secretsFile = secretsFile;
    }

    void run() {
        s3();
        dynamoDb();
        sqs();
        sts();
        secretsManager();
        ssm();
        asyncCall();
        presign();
        twoClientsOfOneService();
        unreachableEndpoint();
    }

    private void s3() {
        s3 = clients.open(S3Client.builder().forcePathStyle(true));
        call("S3", "CreateBucket", () -> s3.createBucket(b -> b.bucket(BUCKET)));
        call("S3", "PutObject", () -> s3.putObject(b -> b.bucket(BUCKET).key(KEY),
                RequestBody.fromString("object-body-" + canary)));
        call("S3", "GetObject", () -> {
            try (InputStream body = s3.getObject(b -> b.bucket(BUCKET).key(KEY))) {
                body.readAllBytes();
            }
        });
        call("S3", "ListObjectsV2", () -> s3.listObjectsV2(b -> b.bucket(BUCKET)));
        call("S3", "DeleteObject", () -> s3.deleteObject(b -> b.bucket(BUCKET).key(KEY)));
        String missing = "no-such-bucket-" + UUID.randomUUID().toString().substring(0, 8);
        call("S3", "GetObject", () -> s3.getObject(b -> b.bucket(missing).key(KEY)).close());
    }

    private void dynamoDb() {
        DynamoDbClient dynamo = clients.open(DynamoDbClient.builder());
        call("DynamoDb", "CreateTable", () -> dynamo.createTable(b -> b.tableName(TABLE)
                .keySchema(KeySchemaElement.builder().attributeName("id").keyType(KeyType.HASH).build())
                .attributeDefinitions(AttributeDefinition.builder().attributeName("id")
                        .attributeType(ScalarAttributeType.S).build())
                .billingMode(BillingMode.PAY_PER_REQUEST)));
        Map<String, AttributeValue> item = Map.of("id", text("a"), "v", text("1"));
        call("DynamoDb", "PutItem", () -> dynamo.putItem(b -> b.tableName(TABLE).item(item)));
        call("DynamoDb", "GetItem", () -> dynamo.getItem(b -> b.tableName(TABLE).key(ITEM_KEY)));
        call("DynamoDb", "Query", () -> dynamo.query(b -> b.tableName(TABLE).keyConditionExpression("id = :id")
                .expressionAttributeValues(Map.of(":id", text("a")))));
        call("DynamoDb", "PutItem", () -> dynamo.putItem(b -> b.tableName(TABLE).item(item)
                .conditionExpression("attribute_not_exists(id)")));
    }

    private void sqs() {
        SqsClient sqs = clients.open(SqsClient.builder());
        String[] queueUrl = {null};
        call("Sqs", "CreateQueue", () -> queueUrl[0] = sqs.createQueue(b -> b.queueName("q1")).queueUrl());
        call("Sqs", "SendMessage", () -> sqs.sendMessage(b -> b.queueUrl(queueUrl[0])
                .messageBody("message-body-" + canary)));
        call("Sqs", "ReceiveMessage", () -> sqs.receiveMessage(b -> b.queueUrl(queueUrl[0]).maxNumberOfMessages(1)));
    }

    private void sts() {
        StsClient sts = clients.open(StsClient.builder());
        call("Sts", "GetCallerIdentity", () -> sts.getCallerIdentity());
        call("Sts", "AssumeRole", () -> {
            Credentials assumed = sts.assumeRole(b -> b.roleArn("arn:aws:iam::123456789012:role/r1")
                    .roleSessionName("s1")).credentials();
            System.out.println("ASSUMED_ACCESS_KEY_ID " + assumed.accessKeyId());
            writeSecrets(assumed);
        });
    }

    /** The test checks that these never reach the trail; they go to a file of their own, not to stdout. */
    private void writeSecrets(Credentials assumed) throws IOException {
        if (secretsFile != null) {
            Files.writeString(secretsFile, "ASSUMED_SECRET " + assumed.secretAccessKey() + "\n"
                    + "ASSUMED_SESSION_TOKEN " + assumed.sessionToken() + "\n", StandardCharsets.UTF_8);
        }
    }

    private void secretsManager() {
        SecretsManagerClient secrets = clients.open(SecretsManagerClient.builder());
        call("SecretsManager", "CreateSecret", () -> secrets.createSecret(b -> b.name("s1")
                .secretString("secret-string-" + canary)));
        call("SecretsManager", "PutSecretValue", () -> secrets.putSecretValue(b -> b.secretId("s1")
                .secretString("secret-value-" + canary)));
    }

    private void ssm() {
        SsmClient ssm = clients.open(SsmClient.builder());
        call("Ssm", "PutParameter", () -> ssm.putParameter(b -> b.name("/p1").type(ParameterType.SECURE_STRING)
                .value("ssm-value-" + canary)));
    }

    private void asyncCall() {
        SqsAsyncClient sqs = clients.open(SqsAsyncClient.builder());
        call("Sqs", "ListQueues", () -> sqs.listQueues().join());
    }

    /** Signs a URL locally: no HTTP call, so no record. */
    private void presign() {
        try (S3Presigner presigner = S3Presigner.builder().endpointOverride(clients.endpoint())
                .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(true).build()).build()) {
            presigner.presignGetObject(p -> p.signatureDuration(Duration.ofMinutes(5))
                    .getObjectRequest(g -> g.bucket(BUCKET).key(KEY)));
            System.out.println("PRESIGNED");
        }
    }

    /** Two clients of one service: one record per call, not one per client per call. */
    private void twoClientsOfOneService() {
        S3Client other = clients.open(S3Client.builder().forcePathStyle(true));
        call("S3", "HeadBucket", () -> s3.headBucket(b -> b.bucket(BUCKET)));
        call("S3", "HeadBucket", () -> other.headBucket(b -> b.bucket(BUCKET)));
    }

    /** Connection refused, tried once: a client-side error with no response (and no request id). */
    @SuppressWarnings("deprecation") // RetryPolicy: its successor (retryStrategy) does not exist in 2.20
    private void unreachableEndpoint() {
        SqsClient sqs = clients.open(SqsClient.builder()
                .overrideConfiguration(o -> o.retryPolicy(RetryPolicy.none())), UNREACHABLE);
        call("Sqs", "ListQueues", () -> sqs.listQueues());
    }

    private static AttributeValue text(String s) {
        return AttributeValue.builder().s(s).build();
    }
}
