package dev.ctagent.delivery.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.PublicKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The webhook at a receiver that checks each envelope the way an SNS HTTP(S) endpoint should: SNS's headers,
 * and the signature verified twice, independently of the agent's code (by the documented rule with the key of
 * the certificate parsed from the published PEM, and by AWS SDK v1's {@code SignatureChecker}).
 */
class WebhookNotifierContractTest extends NotifierContract {
    private static final String TOPIC_ARN = "arn:aws:sns:us-east-1:123456789012:ct-agent-orders";
    private static final String SUBSCRIPTION_ARN_FORM =
            "arn:aws:sns:us-east-1:123456789012:ct-agent-orders:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";

    @TempDir
    static Path keyDir;
    static NotificationSigningKey key;
    /** What a receiver trusts: the key in the certificate the agent publishes, read by the JDK. */
    static PublicKey publishedKey;
    static String certificateUrl;

    private WebhookReceiver receiver;
    private WebhookNotifier notifier;

    @BeforeAll
    static void signingKey() throws Exception {
        key = NotificationSigningKey.loadOrCreate(keyDir.resolve("notification-private-key.pem"));
        publishedKey = SnsSignatureCheck.certificate(key.certificatePem()).getPublicKey();
        certificateUrl = "https://" + BUCKET + ".s3.us-east-1.amazonaws.com/" + key.certificateObjectKey();
    }

    @BeforeEach
    void receiver() throws IOException {
        receiver = new WebhookReceiver().start();
        notifier = new WebhookNotifier(receiver.url(), TOPIC_ARN, certificateUrl, key);
    }

    @AfterEach
    void close() throws IOException {
        notifier.close();
        receiver.close();
        assertThat(receiver.pending()).as("requests nobody expected").isZero();
    }

    @Override
    protected Notifier notifier() {
        return notifier;
    }

    @Override
    protected List<ReceivedEnvelope> awaitReceived(int count) throws Exception {
        List<ReceivedEnvelope> envelopes = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            envelopes.add(checked(receiver.awaitRequest()));
        }
        return envelopes;
    }

    /** Everything an SNS HTTP(S) endpoint may check, checked; the envelope if all holds. */
    private static ReceivedEnvelope checked(WebhookReceiver.Request request) throws Exception {
        assertThat(request.method).isEqualTo("POST");
        assertThat(request.path).isEqualTo(WebhookReceiver.PATH);
        ReceivedEnvelope envelope = ReceivedEnvelope.parse(new String(request.body, StandardCharsets.UTF_8));
        assertThat(request.headers.getFirst("x-amz-sns-message-type")).isEqualTo("Notification");
        assertThat(request.headers.getFirst("x-amz-sns-message-id")).isEqualTo(envelope.messageId());
        assertThat(request.headers.getFirst("x-amz-sns-topic-arn")).isEqualTo(TOPIC_ARN);
        assertThat(request.headers.getFirst("x-amz-sns-subscription-arn")).matches(SUBSCRIPTION_ARN_FORM);
        assertThat(request.headers.getFirst("Content-Type")).isEqualTo("text/plain; charset=UTF-8");
        assertThat(request.headers.getFirst("User-Agent")).isEqualTo("Amazon Simple Notification Service Agent");

        assertThat(envelope.text("Timestamp")).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
        assertThat(envelope.text("SignatureVersion")).isEqualTo("2");
        assertThat(envelope.text("SigningCertURL")).isEqualTo(certificateUrl);
        assertThat(envelope.text("UnsubscribeURL")).isEqualTo("https://sns.us-east-1.amazonaws.com/?Action=Unsubscribe"
                + "&SubscriptionArn=" + request.headers.getFirst("x-amz-sns-subscription-arn"));
        assertThat(envelope.json().has("Subject")).isFalse();
        assertThat(SnsSignatureCheck.byTheDocumentedRule(envelope, publishedKey)).as("signature, documented rule").isTrue();
        assertThat(SnsSignatureCheck.bySdkV1(envelope, publishedKey)).as("signature, SDK v1 SignatureChecker").isTrue();
        return envelope;
    }

    @Override
    protected void takeReceiverDown() {
        receiver.stop();
    }

    @Override
    protected void bringReceiverBack() throws IOException {
        receiver.start();
    }

    @Override
    protected String topicArn() {
        return TOPIC_ARN;
    }

    @Override
    protected boolean receiverSeesOurMessageId() {
        return true;
    }

    @Override
    protected String targetName() {
        return notifier.target();
    }

    @Test
    void anAnswerOtherThan2xxFailsWithTheStatusAndTheStartOfTheBodyAnd2xxOtherThan200IsAccepted() throws Exception {
        Notification n = Notification.validationMessage(Instant.now());
        receiver.answer(500, "overloaded,\nretry later" + "x".repeat(1000));

        assertThatThrownBy(() -> notifier.send(n)).isInstanceOf(IOException.class)
                .hasMessageStartingWith(notifier.target() + " answered HTTP 500: overloaded, retry later")
                .hasMessageEndingWith("x".repeat(50))
                .satisfies(e -> assertThat(e.getMessage()).hasSizeLessThan(500));
        receiver.answer(302, "see elsewhere"); // SNS does not follow redirects
        assertThatThrownBy(() -> notifier.send(n)).isInstanceOf(IOException.class).hasMessageContaining("HTTP 302");
        receiver.answer(204, "");
        notifier.send(n);

        assertThat(awaitReceived(3)).extracting(ReceivedEnvelope::messageId).containsOnly(n.messageId());
    }

    @Test
    void theSubscriptionArnIsTheSameForTheSameUrlAcrossRestartsAndDiffersForAnother() {
        URI url = URI.create("https://hooks.example.com/ct");

        assertThat(WebhookNotifier.subscriptionArn(TOPIC_ARN, url)).matches(SUBSCRIPTION_ARN_FORM)
                .isEqualTo(WebhookNotifier.subscriptionArn(TOPIC_ARN, URI.create("https://hooks.example.com/ct")))
                .isNotEqualTo(WebhookNotifier.subscriptionArn(TOPIC_ARN, URI.create("https://hooks.example.com/ct2")));
        assertThat(WebhookNotifier.unsubscribeUrl("arn:aws-cn:sns:cn-north-1:123456789012:t:u"))
                .isEqualTo("https://sns.cn-north-1.amazonaws.com.cn/?Action=Unsubscribe"
                        + "&SubscriptionArn=arn:aws-cn:sns:cn-north-1:123456789012:t:u");
    }

    @Test
    void theTargetLeavesOutUserInfoAndQueryWhereWebhookSecretsSit() {
        WebhookNotifier withSecrets = new WebhookNotifier(
                URI.create("https://user:s3cret@hooks.example.com:8443/ct/in?token=s3cret"), TOPIC_ARN, certificateUrl, key);

        assertThat(withSecrets.target()).isEqualTo("webhook:https://hooks.example.com:8443/ct/in");
    }
}
