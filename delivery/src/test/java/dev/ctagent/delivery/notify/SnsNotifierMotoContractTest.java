package dev.ctagent.delivery.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ctagent.delivery.aws.MotoServerProcess;
import dev.ctagent.delivery.aws.SdkClients;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * SNS at moto's SNS: the topic has an SQS queue subscribed (not raw, so each SQS message body is SNS's JSON
 * envelope, what CloudTrail's readers consume), and the test reads the queue as such a reader would.
 */
class SnsNotifierMotoContractTest extends NotifierContract {
    private static final String REGION = "us-east-1";
    private static final StaticCredentialsProvider CREDENTIALS =
            StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")); // moto checks no signatures
    private static final long AWAIT_SECONDS = 30;

    private static MotoServerProcess moto;
    private static SnsClient admin;
    private static SqsClient sqs;

    private final String name = "ct-agent-" + UUID.randomUUID();
    private final Deque<Message> unread = new ArrayDeque<>();
    private String topicArn;
    private String queueUrl;
    private SnsNotifier notifier;

    @BeforeAll
    static void startMoto() throws Exception {
        moto = MotoServerProcess.start();
        admin = SdkClients.sns(REGION, moto.endpoint(), CREDENTIALS);
        sqs = SqsClient.builder().httpClient(UrlConnectionHttpClient.create()).region(Region.of(REGION))
                .endpointOverride(moto.endpoint()).credentialsProvider(CREDENTIALS).build();
    }

    @AfterAll
    static void stopMoto() throws Exception {
        sqs.close();
        admin.close();
        moto.close();
    }

    @BeforeEach
    void topicWithAQueue() {
        subscribeQueueToTopic();
        notifier = new SnsNotifier(SdkClients.sns(REGION, moto.endpoint(), CREDENTIALS), topicArn);
    }

    @AfterEach
    void closeNotifier() {
        notifier.close();
        assertThat(unread).as("messages nobody expected").isEmpty();
    }

    /** Same names, so after a restart of the (then empty) moto the topic and queue have their old ARN and URL. */
    private void subscribeQueueToTopic() {
        topicArn = admin.createTopic(r -> r.name(name)).topicArn();
        queueUrl = sqs.createQueue(r -> r.queueName(name)).queueUrl();
        String queueArn = sqs.getQueueAttributes(r -> r.queueUrl(queueUrl).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes().get(QueueAttributeName.QUEUE_ARN);
        admin.subscribe(r -> r.topicArn(topicArn).protocol("sqs").endpoint(queueArn)); // RawMessageDelivery stays false
    }

    @Override
    protected Notifier notifier() {
        return notifier;
    }

    @Override
    protected List<ReceivedEnvelope> awaitReceived(int count) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(AWAIT_SECONDS);
        while (unread.size() < count) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(unread.size() + " of " + count + " messages reached the queue within "
                        + AWAIT_SECONDS + " s: " + unread);
            }
            for (Message m : sqs.receiveMessage(r -> r.queueUrl(queueUrl).maxNumberOfMessages(10).waitTimeSeconds(1))
                    .messages()) {
                unread.add(m);
                sqs.deleteMessage(r -> r.queueUrl(queueUrl).receiptHandle(m.receiptHandle()));
            }
        }
        List<ReceivedEnvelope> envelopes = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ReceivedEnvelope envelope = ReceivedEnvelope.parse(unread.poll().body());
            assertThat(envelope.json().has("Subject")).as("a Subject in " + envelope).isFalse();
            envelopes.add(envelope);
        }
        return envelopes;
    }

    @Override
    protected void takeReceiverDown() throws Exception {
        moto.stop();
    }

    @Override
    protected void bringReceiverBack() throws Exception {
        moto.startAgain();
        subscribeQueueToTopic();
    }

    @Override
    protected String topicArn() {
        return topicArn;
    }

    @Override
    protected boolean receiverSeesOurMessageId() {
        return false; // SNS gives every Publish its own MessageId
    }

    @Test
    void aRefusedPublishNamesTheTopicAndTheAwsErrorCode() {
        String missing = "arn:aws:sns:us-east-1:123456789012:no-such-topic-" + UUID.randomUUID();
        try (SnsNotifier toMissingTopic = new SnsNotifier(SdkClients.sns(REGION, moto.endpoint(), CREDENTIALS), missing)) {
            assertThat(toMissingTopic.target()).isEqualTo("sns:" + missing);
            assertThatThrownBy(() -> toMissingTopic.send(Notification.validationMessage(Instant.now())))
                    .isInstanceOf(IOException.class)
                    .hasMessageStartingWith("SNS Publish to " + missing + " failed: NotFound (HTTP 404)");
        }
    }
}
