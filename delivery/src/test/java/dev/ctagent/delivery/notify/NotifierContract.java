package dev.ctagent.delivery.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.cloudtrail.processinglibrary.factory.SourceSerializerFactory;
import com.amazonaws.services.cloudtrail.processinglibrary.model.CloudTrailLog;
import com.amazonaws.services.cloudtrail.processinglibrary.model.CloudTrailSource;
import com.amazonaws.services.cloudtrail.processinglibrary.model.SQSBasedSource;
import com.amazonaws.services.cloudtrail.processinglibrary.model.SourceAttributeKeys;
import com.amazonaws.services.sqs.model.Message;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * What every {@link Notifier} must do, checked at a real receiver of each kind (compatibility-kit pattern: a
 * subclass per notifier supplies the notifier and its receiver). The assertions are about what a receiver
 * can see: the SNS envelope it gets, the exact message text, and what a CloudTrail reader makes of it.
 */
abstract class NotifierContract {
    static final String BUCKET = "ct-trail-bucket";
    static final String ACCOUNT = "123456789012";

    /** The notifier under test, talking to the running receiver. */
    protected abstract Notifier notifier();

    /** The next {@code count} envelopes the receiver got, in arrival order; fails when they do not come. */
    protected abstract List<ReceivedEnvelope> awaitReceived(int count) throws Exception;

    /** Makes the receiver unreachable at its address. */
    protected abstract void takeReceiverDown() throws Exception;

    /** Makes the receiver reachable again at the same address. */
    protected abstract void bringReceiverBack() throws Exception;

    /** The TopicArn the receiver's envelopes carry. */
    protected abstract String topicArn();

    /** Whether the receiver sees the notification's own id as MessageId (a webhook does; SNS assigns one per publish). */
    protected abstract boolean receiverSeesOurMessageId();

    @Test
    void theValidationMessageAndEachDeliveryArriveInOrderWithTheirExactText() throws Exception {
        List<List<String>> deliveries = List.of(
                List.of(logKey("20260102T0305Z_a1b2c3d4e5f6g7h8")),
                List.of(logKey("20260102T0310Z_AAAAbbbbCCCCdddd"), logKey("20260102T0310Z_eeeeFFFFggggHHHH"),
                        logKey("20260102T0310Z_0123456789abcdef")),
                List.of(logKey("20260102T0315Z_zzzzYYYYxxxxWWWW")));
        List<Notification> sent = new ArrayList<>();
        sent.add(Notification.validationMessage(Instant.now()));
        for (List<String> keys : deliveries) {
            sent.add(Notification.logFilesDelivered(BUCKET, keys, Instant.now()));
        }

        for (Notification n : sent) {
            notifier().send(n);
        }
        List<ReceivedEnvelope> received = awaitReceived(sent.size());

        assertThat(received).extracting(ReceivedEnvelope::message)
                .containsExactlyElementsOf(sent.stream().map(Notification::message).collect(Collectors.toList()));
        for (int i = 0; i < sent.size(); i++) {
            assertThat(received.get(i).type()).isEqualTo("Notification");
            assertThat(received.get(i).topicArn()).isEqualTo(topicArn());
            assertThat(UUID.fromString(received.get(i).messageId())).isNotNull();
            if (receiverSeesOurMessageId()) {
                assertThat(received.get(i).messageId()).isEqualTo(sent.get(i).messageId());
            }
        }
        assertThat(received).extracting(ReceivedEnvelope::messageId).doesNotHaveDuplicates();

        assertThat(sourceType(received.get(0))).isEqualTo("CloudTrailValidationMessage");
        for (int i = 0; i < deliveries.size(); i++) {
            ReceivedEnvelope envelope = received.get(i + 1);
            JsonNode message = ReceivedEnvelope.STRICT.readTree(envelope.message());
            assertThat(message.get("s3Bucket").textValue()).isEqualTo(BUCKET);
            List<String> keys = new ArrayList<>();
            message.get("s3ObjectKey").forEach(k -> keys.add(k.textValue()));
            assertThat(keys).containsExactlyElementsOf(deliveries.get(i));
            // and the CloudTrail Processing Library, given the envelope as SQS would hand it over, reads the files
            assertThat(sourceType(envelope)).isEqualTo("CloudTrailLog");
            assertThat(cloudTrailLogs(envelope)).extracting(CloudTrailLog::getS3Bucket).containsOnly(BUCKET);
            assertThat(cloudTrailLogs(envelope)).extracting(CloudTrailLog::getS3ObjectKey)
                    .containsExactlyElementsOf(deliveries.get(i));
        }
    }

    @Test
    void aResentNotificationArrivesAgainUnchangedSoAReceiverCanDropTheDuplicate() throws Exception {
        Notification n = Notification.logFilesDelivered(BUCKET, List.of(logKey("20260102T0320Z_resentRESENT0000")),
                Instant.now());

        notifier().send(n);
        notifier().send(n);
        List<ReceivedEnvelope> received = awaitReceived(2);

        assertThat(received).extracting(ReceivedEnvelope::message).containsExactly(n.message(), n.message());
        if (receiverSeesOurMessageId()) {
            assertThat(received).extracting(ReceivedEnvelope::messageId).containsExactly(n.messageId(), n.messageId());
        }
    }

    @Test
    void aReceiverThatIsDownFailsTheSendAndTheSameNotificationGoesThroughOnceItIsBack() throws Exception {
        Notification n = Notification.logFilesDelivered(BUCKET, List.of(logKey("20260102T0325Z_downDOWNdownDOWN")),
                Instant.now());

        takeReceiverDown();
        assertThatThrownBy(() -> notifier().send(n)).isInstanceOf(IOException.class)
                .hasMessageContaining(targetName());
        bringReceiverBack();
        notifier().send(n);

        ReceivedEnvelope received = awaitReceived(1).get(0);
        assertThat(received.message()).isEqualTo(n.message());
        if (receiverSeesOurMessageId()) {
            assertThat(received.messageId()).isEqualTo(n.messageId());
        }
    }

    /** What an error message must name so the operator knows which target failed. */
    protected String targetName() {
        return topicArn();
    }

    static String logKey(String timeAndUnique) {
        return "AWSLogs/" + ACCOUNT + "/CloudTrail/us-east-1/2026/01/02/" + ACCOUNT + "_CloudTrail_us-east-1_"
                + timeAndUnique + ".json.gz";
    }

    private static CloudTrailSource cplSource(ReceivedEnvelope envelope) throws IOException {
        return SourceSerializerFactory.createSourceSerializerChain().getSource(new Message().withBody(envelope.body()));
    }

    private static String sourceType(ReceivedEnvelope envelope) throws IOException {
        return cplSource(envelope).getSourceAttributes().get(SourceAttributeKeys.SOURCE_TYPE.getAttributeKey());
    }

    private static List<CloudTrailLog> cloudTrailLogs(ReceivedEnvelope envelope) throws IOException {
        return ((SQSBasedSource) cplSource(envelope)).getLogs();
    }
}
