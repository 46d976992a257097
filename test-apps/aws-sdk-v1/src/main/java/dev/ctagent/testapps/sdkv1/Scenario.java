package dev.ctagent.testapps.sdkv1;

import static dev.ctagent.testapps.sdkv1.Calls.call;

import com.amazonaws.ClientConfiguration;
import com.amazonaws.services.dynamodbv2.AmazonDynamoDB;
import com.amazonaws.services.dynamodbv2.AmazonDynamoDBClientBuilder;
import com.amazonaws.services.dynamodbv2.model.AttributeDefinition;
import com.amazonaws.services.dynamodbv2.model.AttributeValue;
import com.amazonaws.services.dynamodbv2.model.BillingMode;
import com.amazonaws.services.dynamodbv2.model.CreateTableRequest;
import com.amazonaws.services.dynamodbv2.model.KeySchemaElement;
import com.amazonaws.services.dynamodbv2.model.KeyType;
import com.amazonaws.services.dynamodbv2.model.PutItemRequest;
import com.amazonaws.services.dynamodbv2.model.QueryRequest;
import com.amazonaws.services.dynamodbv2.model.ScalarAttributeType;
import com.amazonaws.services.s3.AmazonS3;
import com.amazonaws.services.s3.AmazonS3ClientBuilder;
import com.amazonaws.services.s3.model.HeadBucketRequest;
import com.amazonaws.services.s3.model.S3Object;
import com.amazonaws.services.secretsmanager.AWSSecretsManager;
import com.amazonaws.services.secretsmanager.AWSSecretsManagerClientBuilder;
import com.amazonaws.services.secretsmanager.model.CreateSecretRequest;
import com.amazonaws.services.secretsmanager.model.PutSecretValueRequest;
import com.amazonaws.services.securitytoken.AWSSecurityTokenService;
import com.amazonaws.services.securitytoken.AWSSecurityTokenServiceClientBuilder;
import com.amazonaws.services.securitytoken.model.AssumeRoleRequest;
import com.amazonaws.services.securitytoken.model.Credentials;
import com.amazonaws.services.securitytoken.model.GetCallerIdentityRequest;
import com.amazonaws.services.simplesystemsmanagement.AWSSimpleSystemsManagement;
import com.amazonaws.services.simplesystemsmanagement.AWSSimpleSystemsManagementClientBuilder;
import com.amazonaws.services.simplesystemsmanagement.model.ParameterType;
import com.amazonaws.services.simplesystemsmanagement.model.PutParameterRequest;
import com.amazonaws.services.sqs.AmazonSQS;
import com.amazonaws.services.sqs.AmazonSQSAsync;
import com.amazonaws.services.sqs.AmazonSQSAsyncClientBuilder;
import com.amazonaws.services.sqs.AmazonSQSClientBuilder;
import com.amazonaws.services.sqs.model.ListQueuesRequest;
import com.amazonaws.services.sqs.model.ReceiveMessageRequest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Date;
import java.util.Map;
import java.util.UUID;

/**
 * The calls the integration test expects one CloudTrail record each for (plus a presign, which must yield
 * none). Every value derived from the canary is a payload the agent must never write. The same scenario as
 * test-apps/aws-sdk-v2's.
 */
final class Scenario {
    private static final String BUCKET = "ct-b1"; // S3 (and the SDK) want 3 to 63 characters
    private static final String KEY = "k1";
    private static final String TABLE = "t1";
    private static final Map<String, AttributeValue> ITEM_KEY = Map.of("id", new AttributeValue("a"));
    private static final String UNREACHABLE = "http://127.0.0.1:1";

    private final Clients clients;
    private final String canary;
    private final Path secretsFile;
    private AmazonS3 s3;

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
        s3 = clients.open(AmazonS3ClientBuilder.standard().withPathStyleAccessEnabled(true));
        call("S3", "CreateBucket", () -> s3.createBucket(BUCKET));
        call("S3", "PutObject", () -> s3.putObject(BUCKET, KEY, "object-body-" + canary));
        call("S3", "GetObject", () -> {
            try (S3Object object = s3.getObject(BUCKET, KEY)) {
                object.getObjectContent().readAllBytes();
            }
        });
        call("S3", "ListObjectsV2", () -> s3.listObjectsV2(BUCKET));
        call("S3", "DeleteObject", () -> s3.deleteObject(BUCKET, KEY));
        String missing = "no-such-bucket-" + UUID.randomUUID().toString().substring(0, 8);
        call("S3", "GetObject", () -> s3.getObject(missing, KEY).close());
    }

    private void dynamoDb() {
        AmazonDynamoDB dynamo = clients.open(AmazonDynamoDBClientBuilder.standard());
        call("DynamoDb", "CreateTable", () -> dynamo.createTable(new CreateTableRequest().withTableName(TABLE)
                .withKeySchema(new KeySchemaElement("id", KeyType.HASH))
                .withAttributeDefinitions(new AttributeDefinition("id", ScalarAttributeType.S))
                .withBillingMode(BillingMode.PAY_PER_REQUEST)));
        Map<String, AttributeValue> item = Map.of("id", new AttributeValue("a"), "v", new AttributeValue("1"));
        call("DynamoDb", "PutItem", () -> dynamo.putItem(TABLE, item));
        call("DynamoDb", "GetItem", () -> dynamo.getItem(TABLE, ITEM_KEY));
        call("DynamoDb", "Query", () -> dynamo.query(new QueryRequest(TABLE).withKeyConditionExpression("id = :id")
                .withExpressionAttributeValues(Map.of(":id", new AttributeValue("a")))));
        call("DynamoDb", "PutItem", () -> dynamo.putItem(new PutItemRequest(TABLE, item)
                .withConditionExpression("attribute_not_exists(id)")));
    }

    private void sqs() {
        AmazonSQS sqs = clients.open(AmazonSQSClientBuilder.standard());
        String[] queueUrl = {null};
        call("Sqs", "CreateQueue", () -> queueUrl[0] = sqs.createQueue("q1").getQueueUrl());
        call("Sqs", "SendMessage", () -> sqs.sendMessage(queueUrl[0], "message-body-" + canary));
        call("Sqs", "ReceiveMessage", () -> sqs.receiveMessage(new ReceiveMessageRequest(queueUrl[0])
                .withMaxNumberOfMessages(1)));
    }

    private void sts() {
        AWSSecurityTokenService sts = clients.open(AWSSecurityTokenServiceClientBuilder.standard());
        call("Sts", "GetCallerIdentity", () -> sts.getCallerIdentity(new GetCallerIdentityRequest()));
        call("Sts", "AssumeRole", () -> {
            Credentials assumed = sts.assumeRole(new AssumeRoleRequest()
                    .withRoleArn("arn:aws:iam::123456789012:role/r1").withRoleSessionName("s1")).getCredentials();
            System.out.println("ASSUMED_ACCESS_KEY_ID " + assumed.getAccessKeyId());
            writeSecrets(assumed);
        });
    }

    /** The test checks that these never reach the trail; they go to a file of their own, not to stdout. */
    private void writeSecrets(Credentials assumed) throws IOException {
        if (secretsFile != null) {
            Files.writeString(secretsFile, "ASSUMED_SECRET " + assumed.getSecretAccessKey() + "\n"
                    + "ASSUMED_SESSION_TOKEN " + assumed.getSessionToken() + "\n", StandardCharsets.UTF_8);
        }
    }

    private void secretsManager() {
        AWSSecretsManager secrets = clients.open(AWSSecretsManagerClientBuilder.standard());
        call("SecretsManager", "CreateSecret", () -> secrets.createSecret(new CreateSecretRequest().withName("s1")
                .withSecretString("secret-string-" + canary)));
        call("SecretsManager", "PutSecretValue", () -> secrets.putSecretValue(new PutSecretValueRequest()
                .withSecretId("s1").withSecretString("secret-value-" + canary)));
    }

    private void ssm() {
        AWSSimpleSystemsManagement ssm = clients.open(AWSSimpleSystemsManagementClientBuilder.standard());
        call("Ssm", "PutParameter", () -> ssm.putParameter(new PutParameterRequest().withName("/p1")
                .withType(ParameterType.SecureString).withValue("ssm-value-" + canary)));
    }

    private void asyncCall() {
        AmazonSQSAsync sqs = clients.open(AmazonSQSAsyncClientBuilder.standard());
        call("Sqs", "ListQueues", () -> sqs.listQueuesAsync(new ListQueuesRequest()).get());
    }

    /** Signs a URL locally: no HTTP call, so no record. */
    private void presign() {
        s3.generatePresignedUrl(BUCKET, KEY, new Date(System.currentTimeMillis() + 300_000));
        System.out.println("PRESIGNED");
    }

    /** Two clients of one service: one record per call, not one per client per call. */
    private void twoClientsOfOneService() {
        AmazonS3 other = clients.open(AmazonS3ClientBuilder.standard().withPathStyleAccessEnabled(true));
        call("S3", "HeadBucket", () -> s3.headBucket(new HeadBucketRequest(BUCKET)));
        call("S3", "HeadBucket", () -> other.headBucket(new HeadBucketRequest(BUCKET)));
    }

    /** Connection refused, tried once: a client-side error with no response (and no request id). */
    private void unreachableEndpoint() {
        AmazonSQS sqs = clients.open(AmazonSQSClientBuilder.standard(), UNREACHABLE,
                new ClientConfiguration().withMaxErrorRetry(0));
        call("Sqs", "ListQueues", () -> sqs.listQueues());
    }
}
