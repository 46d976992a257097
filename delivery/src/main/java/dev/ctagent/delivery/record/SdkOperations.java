package dev.ctagent.delivery.record;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;

/**
 * How CloudTrail classifies an SDK operation. {@code readOnly} follows the operation's verb (Get, List,
 * Describe, Head, Query, Scan, BatchGet, Select, ...). {@code eventCategory} is {@code Data} for the
 * operations CloudTrail logs as data events — S3 object-level calls, DynamoDB item-level calls, Lambda
 * Invoke, SQS and SNS message calls, Kinesis record calls — and {@code Management} for the rest.
 */
final class SdkOperations {
    private static final String[] READ_VERBS = {"Get", "List", "Describe", "Head", "Query", "Scan", "BatchGet",
        "Select", "Lookup", "Search", "Receive", "Filter", "Simulate", "Estimate", "Preview", "Validate", "Verify"};
    private static final Set<String> DYNAMODB_DATA = set("GetItem", "PutItem", "UpdateItem", "DeleteItem", "Query",
            "Scan", "BatchGetItem", "BatchWriteItem", "TransactGetItems", "TransactWriteItems", "ExecuteStatement",
            "BatchExecuteStatement", "ExecuteTransaction", "GetRecords", "GetShardIterator");
    private static final Set<String> LAMBDA_DATA = set("Invoke", "InvokeAsync", "InvokeWithResponseStream");
    private static final Set<String> SQS_DATA = set("SendMessage", "SendMessageBatch", "ReceiveMessage",
            "DeleteMessage", "DeleteMessageBatch", "ChangeMessageVisibility", "ChangeMessageVisibilityBatch");
    private static final Set<String> SNS_DATA = set("Publish", "PublishBatch");
    private static final Set<String> KINESIS_DATA = set("PutRecord", "PutRecords", "GetRecords", "GetShardIterator",
            "SubscribeToShard");
    private static final Set<String> S3_BUCKET_LEVEL = set("PutObjectLockConfiguration", "GetObjectLockConfiguration");

    private SdkOperations() {}

    static boolean readOnly(String operation) {
        for (String verb : READ_VERBS) {
            if (operation.startsWith(verb) && (operation.length() == verb.length()
                    || !Character.isLowerCase(operation.charAt(verb.length())))) {
                return true;
            }
        }
        return false;
    }

    /** True for a data event; {@code signingName} is the SDK's ({@code s3}, {@code dynamodb}...). */
    static boolean dataEvent(String signingName, String operation) {
        switch (signingName) {
            case "s3":
                return (operation.contains("Object") || operation.contains("MultipartUpload")
                        || operation.equals("UploadPart") || operation.equals("UploadPartCopy")
                        || operation.equals("ListParts")) && !S3_BUCKET_LEVEL.contains(operation);
            case "dynamodb":
                return DYNAMODB_DATA.contains(operation);
            case "lambda":
                return LAMBDA_DATA.contains(operation);
            case "sqs":
                return SQS_DATA.contains(operation);
            case "sns":
                return SNS_DATA.contains(operation);
            case "kinesis":
                return KINESIS_DATA.contains(operation);
            default:
                return false;
        }
    }

    private static Set<String> set(String... names) {
        return new HashSet<>(Arrays.asList(names));
    }
}
