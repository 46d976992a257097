package dev.ctagent.demo;

import java.net.URI;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.retry.RetryPolicy;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Announces each new order on an SQS queue through the AWS SDK v2, the way a real service would. The demo
 * has no AWS account, so the queue's endpoint ({@code -Ddemo.queue.endpoint}, by default a closed local
 * port) does not answer: each call fails, the order is kept anyway, and the agent records the call with
 * its error — an outbound SDK call next to the served ones in the same trail.
 */
final class OrderEvents {
    private static final String ENDPOINT = System.getProperty("demo.queue.endpoint", "http://127.0.0.1:9");
    private static final String QUEUE_URL = ENDPOINT + "/111122223333/orders";
    private static final SqsClient SQS = SqsClient.builder()
            .endpointOverride(URI.create(ENDPOINT))
            .region(Region.US_EAST_1)
            .credentialsProvider(StaticCredentialsProvider.create(
                    AwsBasicCredentials.create("AKIAIOSFODNN7EXAMPLE", "demo-secret-key")))
            .httpClient(UrlConnectionHttpClient.create())
            .overrideConfiguration(o -> o.retryPolicy(RetryPolicy.none()))
            .build();

    private OrderEvents() {
    }

    /** Sends the order's JSON; returns false when the queue could not be reached. */
    static boolean placed(String orderJson) {
        try {
            SQS.sendMessage(m -> m.queueUrl(QUEUE_URL).messageBody(orderJson));
            return true;
        } catch (RuntimeException unreachable) {
            return false;
        }
    }
}
