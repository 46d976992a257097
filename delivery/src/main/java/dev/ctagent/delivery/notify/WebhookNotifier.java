package dev.ctagent.delivery.notify;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import java.util.UUID;

/**
 * POSTs each notification to an HTTP(S) URL exactly as SNS delivers to an HTTP(S) subscription: SNS's
 * headers and its signed JSON envelope ({@link SnsEnvelope}), so a receiver written for SNS (its signature
 * check included, given this agent's certificate) takes it unchanged. Only {@code Notification} messages are
 * sent; there is no subscription handshake, since the URL is configured, not subscribed.
 *
 * <p>A 2xx answer means accepted. Any other status, a connection failure or a timeout (5 s to connect, 30 s
 * for the answer) is an {@link IOException} naming the status and the start of the body; redirects are not
 * followed (SNS does not either).
 */
public final class WebhookNotifier implements Notifier {
    static final String USER_AGENT = "Amazon Simple Notification Service Agent";
    static final String CONTENT_TYPE = "text/plain; charset=UTF-8";
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);
    /** How much of an error answer goes into the exception: enough to recognise it, not a whole page. */
    static final int BODY_EXCERPT_BYTES = 300;

    private final URI url;
    private final String topicArn;
    private final String subscriptionArn;
    private final String signingCertUrl;
    private final String unsubscribeUrl;
    private final NotificationSigningKey key;
    private final HttpClient http;

    /**
     * @param topicArn the {@code TopicArn} the envelopes carry (settings' {@code webhookTopicArn()})
     * @param signingCertUrl where receivers fetch {@code key}'s certificate ({@code SigningCertURL})
     * @throws IllegalArgumentException when {@code topicArn} is not an ARN
     */
    public WebhookNotifier(URI url, String topicArn, String signingCertUrl, NotificationSigningKey key) {
        this.url = Objects.requireNonNull(url);
        this.topicArn = Objects.requireNonNull(topicArn);
        this.signingCertUrl = Objects.requireNonNull(signingCertUrl);
        this.key = Objects.requireNonNull(key);
        this.subscriptionArn = subscriptionArn(topicArn, url);
        this.unsubscribeUrl = unsubscribeUrl(subscriptionArn);
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1) // what SNS speaks; no h2c upgrade offered to plain-HTTP servers
                .connectTimeout(CONNECT_TIMEOUT)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /**
     * A stable stand-in for the subscription SNS would have made: {@code <topicArn>:<UUID from the URL>}, so
     * a receiver that keys anything on {@code x-amz-sns-subscription-arn} sees the same value across restarts.
     */
    static String subscriptionArn(String topicArn, URI url) {
        return topicArn + ":" + UUID.nameUUIDFromBytes(url.toString().getBytes(StandardCharsets.UTF_8));
    }

    /**
     * SNS's form, {@code https://sns.<region>.amazonaws.com/?Action=Unsubscribe&SubscriptionArn=<arn>}, so a
     * parser that expects it finds it. Only informational: SNS knows no such subscription, and the way to stop
     * the notifications is to remove {@code ct.notify.webhook.url}.
     */
    static String unsubscribeUrl(String subscriptionArn) {
        String[] arn = subscriptionArn.split(":", 6); // arn:partition:sns:region:account:topic:uuid
        if (arn.length < 6 || !"arn".equals(arn[0])) {
            throw new IllegalArgumentException("not an SNS topic ARN: " + subscriptionArn);
        }
        String domain = arn[1].equals("aws-cn") ? "amazonaws.com.cn" : "amazonaws.com";
        return "https://sns." + arn[3] + "." + domain + "/?Action=Unsubscribe&SubscriptionArn=" + subscriptionArn;
    }

    @Override
    public void send(Notification notification) throws IOException {
        byte[] body = SnsEnvelope.signedJson(notification, topicArn, signingCertUrl, unsubscribeUrl, key);
        HttpRequest request = HttpRequest.newBuilder(url)
                .timeout(REQUEST_TIMEOUT)
                .header("x-amz-sns-message-type", SnsEnvelope.TYPE_NOTIFICATION)
                .header("x-amz-sns-message-id", notification.messageId())
                .header("x-amz-sns-topic-arn", topicArn)
                .header("x-amz-sns-subscription-arn", subscriptionArn)
                .header("Content-Type", CONTENT_TYPE)
                .header("User-Agent", USER_AGENT)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        HttpResponse<InputStream> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while notifying " + target());
        } catch (IOException e) {
            throw new IOException(target() + " did not answer: " + e, e);
        }
        try (InputStream answer = response.body()) {
            int status = response.statusCode();
            if (status / 100 != 2) {
                String excerpt = new String(answer.readNBytes(BODY_EXCERPT_BYTES), StandardCharsets.UTF_8);
                throw new IOException(target() + " answered HTTP " + status + ": " + printable(excerpt));
            }
        }
    }

    /** {@code webhook:<scheme>://<host>[:port]<path>}: no user info or query, where webhook secrets tend to sit. */
    @Override
    public String target() {
        return target(url);
    }

    /** The {@link #target()} of a webhook at {@code url}, known before one is built. */
    public static String target(URI url) {
        return "webhook:" + url.getScheme() + "://" + url.getHost() + (url.getPort() < 0 ? "" : ":" + url.getPort())
                + (url.getRawPath() == null ? "" : url.getRawPath());
    }

    /** An excerpt fit for a one-line log message: control characters (line breaks, escapes) shown as spaces. */
    private static String printable(String text) {
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().forEach(c -> out.appendCodePoint(Character.isISOControl(c) ? ' ' : c));
        return out.toString().trim();
    }
}
