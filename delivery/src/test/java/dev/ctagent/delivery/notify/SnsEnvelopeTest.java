package dev.ctagent.delivery.notify;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.ByteBuffer;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.PublicKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SnsEnvelopeTest {
    private static final String TOPIC_ARN = "arn:aws:sns:eu-west-1:123456789012:ct-agent-orders";
    private static final String CERT_URL = "https://trail-bucket.s3.eu-west-1.amazonaws.com/SimpleNotificationService-x.pem";
    private static final String UNSUBSCRIBE_URL = "https://sns.eu-west-1.amazonaws.com/?Action=Unsubscribe&SubscriptionArn=x";

    @TempDir
    static Path dir;
    static NotificationSigningKey key;
    static PublicKey publishedKey;

    @BeforeAll
    static void key() throws Exception {
        key = NotificationSigningKey.loadOrCreate(dir.resolve("notification-private-key.pem"));
        publishedKey = SnsSignatureCheck.certificate(key.certificatePem()).getPublicKey();
    }

    @Test
    void theEnvelopeHasSnsFieldsInSnsOrderWithoutASubjectAndASignatureVersion2Signature() throws Exception {
        Notification n = Notification.logFilesDelivered("trail-bucket", List.of("AWSLogs/k1.json.gz"),
                Instant.parse("2026-03-04T05:06:07Z"));
        ReceivedEnvelope envelope = envelope(n);

        assertThat(fieldNames(envelope.json())).containsExactly("Type", "MessageId", "TopicArn", "Message", "Timestamp",
                "SignatureVersion", "Signature", "SigningCertURL", "UnsubscribeURL");
        assertThat(envelope.type()).isEqualTo("Notification");
        assertThat(envelope.messageId()).isEqualTo(n.messageId());
        assertThat(envelope.topicArn()).isEqualTo(TOPIC_ARN);
        assertThat(envelope.message()).isEqualTo("{\"s3Bucket\":\"trail-bucket\",\"s3ObjectKey\":[\"AWSLogs/k1.json.gz\"]}");
        assertThat(envelope.text("Timestamp")).isEqualTo("2026-03-04T05:06:07.000Z");
        assertThat(envelope.text("SignatureVersion")).isEqualTo("2");
        assertThat(envelope.text("SigningCertURL")).isEqualTo(CERT_URL);
        assertThat(envelope.text("UnsubscribeURL")).isEqualTo(UNSUBSCRIBE_URL);
        assertThat(SnsSignatureCheck.byTheDocumentedRule(envelope, publishedKey)).isTrue();
        assertThat(SnsSignatureCheck.bySdkV1(envelope, publishedKey)).isTrue();
    }

    @Test
    void theTimestampKeepsMillisecondsAndDropsWhatIsFiner() {
        Notification n = new Notification("id", "m", Instant.parse("2012-04-26T20:45:04.751999Z"));

        assertThat(envelope(n).text("Timestamp")).isEqualTo("2012-04-26T20:45:04.751Z");
    }

    @Test
    void aChangedValueNoLongerVerifies() throws Exception {
        ReceivedEnvelope envelope = envelope(Notification.validationMessage(Instant.now()));
        String forged = envelope.body().replace(Notification.VALIDATION_MESSAGE, "CloudTrail validation message!");

        assertThat(SnsSignatureCheck.byTheDocumentedRule(ReceivedEnvelope.parse(forged), publishedKey)).isFalse();
        assertThat(SnsSignatureCheck.bySdkV1(ReceivedEnvelope.parse(forged), publishedKey)).isFalse();
    }

    @Test
    void hostileKeysStillGiveStrictUtf8JsonWithTheirExactTextAndAValidSignature() throws Exception {
        List<String> keys = List.of(
                "quote\"back\\slash/solidus",
                "controls\u0000\u0001\u001f\t\n\r\b\f end",
                "line\u2028para\u2029sep\u007fdel",
                "non-ASCII é ß 中文 😀 \uFEFF",
                "lone \uD800 high and lone \uDC00 low",
                "json {\"s3Bucket\":\"evil\"} ]}\"",
                "Message\nfake\nType\nNotification\n");
        Notification n = Notification.logFilesDelivered("bucket\"with'quotes", keys, Instant.now());
        byte[] body = SnsEnvelope.signedJson(n, TOPIC_ARN, CERT_URL, UNSUBSCRIBE_URL, key);

        ReceivedEnvelope envelope = ReceivedEnvelope.parse(strictUtf8(body));
        JsonNode message = ReceivedEnvelope.STRICT.readTree(envelope.message());
        assertThat(message.get("s3Bucket").textValue()).isEqualTo("bucket\"with'quotes");
        List<String> received = new ArrayList<>();
        message.get("s3ObjectKey").forEach(k -> received.add(k.textValue()));
        List<String> expected = new ArrayList<>(keys);
        // an unpaired surrogate has no UTF-8 form: it arrives as U+FFFD, in the body and in what was signed
        expected.set(4, "lone \uFFFD high and lone \uFFFD low");
        assertThat(received).containsExactlyElementsOf(expected);
        assertThat(SnsSignatureCheck.byTheDocumentedRule(envelope, publishedKey)).isTrue();
        if (SnsSignatureCheck.sdkV1EncodesUtf8()) {
            assertThat(SnsSignatureCheck.bySdkV1(envelope, publishedKey)).isTrue();
        }
    }

    private static ReceivedEnvelope envelope(Notification n) {
        return ReceivedEnvelope.parse(strictUtf8(SnsEnvelope.signedJson(n, TOPIC_ARN, CERT_URL, UNSUBSCRIBE_URL, key)));
    }

    private static String strictUtf8(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new AssertionError("the body is not valid UTF-8", e);
        }
    }

    private static List<String> fieldNames(JsonNode object) {
        List<String> names = new ArrayList<>();
        for (Iterator<String> it = object.fieldNames(); it.hasNext(); ) {
            names.add(it.next());
        }
        return names;
    }
}
