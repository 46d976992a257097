package dev.ctagent.delivery.record;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.ctagent.bridge.SdkModel;
import java.io.IOException;
import java.net.URI;

/**
 * {@code resources} of an SDK call, where the call names them: S3 bucket and object, DynamoDB table, SQS
 * queue, SNS topic, Lambda function, Secrets Manager secret, KMS key. ARNs are built as AWS builds them
 * (partition from the region); a parameter that is already an ARN is used as it is. Members are read by
 * their SDK names (v2's and v1's where they differ), from the request, or the response where only it
 * knows (the queue URL of CreateQueue, the ARN of a new secret). Writer thread only.
 */
final class SdkResources {
    private SdkResources() {}

    /** Writes the {@code resources} field when the call names any; nothing otherwise. */
    static void write(JsonGenerator g, String service, SdkModel model, Object request, Object response,
            String region, String account) throws IOException {
        switch (service) {
            case "s3":
                writeS3(g, model, request, account, partition(region));
                break;
            case "dynamodb":
                named(g, model.member(request, "TableName"), "AWS::DynamoDB::Table",
                        "arn:" + partition(region) + ":dynamodb:" + region + ":" + account + ":table/", account);
                break;
            case "sqs":
                writeQueue(g, first(model.member(request, "QueueUrl"), model.member(response, "QueueUrl")),
                        region, account);
                break;
            case "sns":
                named(g, first(model.member(request, "TopicArn"), model.member(request, "TargetArn"),
                        model.member(response, "TopicArn")), "AWS::SNS::Topic", null, account);
                break;
            case "lambda":
                named(g, model.member(request, "FunctionName"), "AWS::Lambda::Function",
                        "arn:" + partition(region) + ":lambda:" + region + ":" + account + ":function:", account);
                break;
            case "secretsmanager":
                named(g, first(model.member(response, "ARN"), model.member(request, "SecretId"),
                        model.member(request, "Name")), "AWS::SecretsManager::Secret",
                        "arn:" + partition(region) + ":secretsmanager:" + region + ":" + account + ":secret:", account);
                break;
            case "kms":
                named(g, model.member(request, "KeyId"), "AWS::KMS::Key",
                        "arn:" + partition(region) + ":kms:" + region + ":" + account + ":key/", account);
                break;
            default:
                break;
        }
    }

    private static void writeS3(JsonGenerator g, SdkModel model, Object request, String account, String partition)
            throws IOException {
        String bucket = first(model.member(request, "Bucket"), model.member(request, "BucketName"));
        if (bucket == null || bucket.isEmpty()) {
            return;
        }
        String key = model.member(request, "Key");
        String bucketArn = bucket.startsWith("arn:") ? bucket : "arn:" + partition + ":s3:::" + bucket;
        g.writeArrayFieldStart("resources");
        if (key != null) {
            entry(g, bucketArn + "/" + key, null, "AWS::S3::Object");
        }
        entry(g, bucketArn, account, "AWS::S3::Bucket");
        g.writeEndArray();
    }

    private static void writeQueue(JsonGenerator g, String queueUrl, String region, String account)
            throws IOException {
        if (queueUrl == null) {
            return;
        }
        // https://sqs.<region>.amazonaws.com/<account>/<name>, or any endpoint with the same path
        String path;
        try {
            path = URI.create(queueUrl).getPath();
        } catch (IllegalArgumentException e) {
            return;
        }
        String[] parts = path == null ? new String[0] : path.split("/");
        if (parts.length < 3 || parts[1].isEmpty() || parts[2].isEmpty()) {
            return;
        }
        g.writeArrayFieldStart("resources");
        entry(g, "arn:" + partition(region) + ":sqs:" + region + ":" + parts[1] + ":" + parts[2], parts[1],
                "AWS::SQS::Queue");
        g.writeEndArray();
    }

    private static void named(JsonGenerator g, String nameOrArn, String type, String arnPrefix, String account)
            throws IOException {
        if (nameOrArn == null || nameOrArn.isEmpty()) {
            return;
        }
        String arn;
        if (nameOrArn.startsWith("arn:")) {
            arn = nameOrArn;
        } else if (arnPrefix != null && !nameOrArn.contains(":")) {
            arn = arnPrefix + nameOrArn;
        } else {
            return; // a partial ARN or an alias: no resource rather than a wrong one
        }
        String owner = SdkIdentities.accountOf(arn);
        g.writeArrayFieldStart("resources");
        entry(g, arn, owner != null ? owner : account, type);
        g.writeEndArray();
    }

    private static void entry(JsonGenerator g, String arn, String account, String type) throws IOException {
        g.writeStartObject();
        g.writeStringField("ARN", JsonText.capped(arn, JsonText.ONE_KB));
        if (account != null) {
            g.writeStringField("accountId", account);
        }
        g.writeStringField("type", type);
        g.writeEndObject();
    }

    private static String first(String... values) {
        for (String v : values) {
            if (v != null && !v.isEmpty()) {
                return v;
            }
        }
        return null;
    }

    /** aws, aws-cn or aws-us-gov, from the region's name. */
    static String partition(String region) {
        if (region.startsWith("cn-")) {
            return "aws-cn";
        }
        return region.startsWith("us-gov-") ? "aws-us-gov" : "aws";
    }
}
