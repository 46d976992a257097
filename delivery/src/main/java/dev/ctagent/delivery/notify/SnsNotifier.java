package dev.ctagent.delivery.notify;

import dev.ctagent.delivery.aws.SdkClients;
import dev.ctagent.runtime.config.NotifySettings;
import java.io.IOException;
import java.util.Objects;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sns.SnsClient;

/**
 * Publishes each notification's text to an SNS topic, as CloudTrail does for a trail with a topic; SNS then
 * fans it out (to SQS, HTTP(S), e-mail, Lambda) in its own envelopes, with its own message ids.
 *
 * <p>No {@code Subject}: whether CloudTrail sets one is not documented (cloudtrail-formats.md §7 A6); the
 * only report found says it does not, CloudTrail's readers (the Processing Library among them) never look at
 * it, and an e-mail subscription falls back to SNS's default subject.
 */
public final class SnsNotifier implements Notifier {
    private final SnsClient sns;
    private final String topicArn;

    /** Takes {@code sns} over: {@link #close()} closes it. */
    public SnsNotifier(SnsClient sns, String topicArn) {
        this.sns = Objects.requireNonNull(sns);
        this.topicArn = Objects.requireNonNull(topicArn);
    }

    /** For {@code ct.sns.topicArn}, through the agent's own SNS client (its region, {@code ct.sns.endpoint}). */
    public static SnsNotifier create(NotifySettings settings) {
        return new SnsNotifier(SdkClients.sns(settings.snsRegion(), settings.snsEndpoint()), settings.snsTopicArn());
    }

    @Override
    public void send(Notification notification) throws IOException {
        try {
            sns.publish(r -> r.topicArn(topicArn).message(notification.message()));
        } catch (AwsServiceException e) {
            // the service said no: its error code (NotFound, AuthorizationError, ...) tells the operator what to fix
            String code = e.awsErrorDetails() == null ? "(no error code)" : e.awsErrorDetails().errorCode();
            String text = e.awsErrorDetails() == null ? e.getMessage() : e.awsErrorDetails().errorMessage();
            throw new IOException("SNS Publish to " + topicArn + " failed: " + code + " (HTTP " + e.statusCode()
                    + "): " + text, e);
        } catch (SdkException e) {
            throw new IOException("SNS Publish to " + topicArn + " failed: " + e.getMessage(), e);
        }
    }

    @Override
    public String target() {
        return "sns:" + topicArn;
    }

    @Override
    public void close() {
        sns.close();
    }
}
