package dev.ctagent.delivery.writer;

import dev.ctagent.delivery.destination.Destination;
import dev.ctagent.delivery.destination.LazyDestination;
import dev.ctagent.delivery.destination.LocalDirectoryDestination;
import dev.ctagent.delivery.destination.S3Destination;
import dev.ctagent.delivery.notify.LazyNotifier;
import dev.ctagent.delivery.notify.NotificationSigningKey;
import dev.ctagent.delivery.notify.Notifier;
import dev.ctagent.delivery.notify.SnsNotifier;
import dev.ctagent.delivery.notify.WebhookNotifier;
import dev.ctagent.runtime.config.AgentConfig;
import dev.ctagent.runtime.config.NotifySettings;
import dev.ctagent.runtime.config.S3Settings;
import java.net.URI;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Supplier;

/**
 * What the configuration asks for: the destination ({@code ct.s3.bucket} set → S3, else the local
 * directory) and the notifiers ({@code ct.sns.topicArn}, {@code ct.notify.webhook.url}). Remote clients
 * are built lazily, on the delivery thread, so none of the AWS SDK loads during the application's start.
 */
final class DeliveryTargets {
    private DeliveryTargets() {}

    static boolean remote(AgentConfig config) {
        return config.s3() != null;
    }

    static Destination destination(AgentConfig config) {
        S3Settings s3 = config.s3();
        if (s3 == null) {
            return new LocalDirectoryDestination(config.dir(), config.bucket());
        }
        return new LazyDestination("s3://" + s3.bucket(), () -> S3Destination.create(s3));
    }

    /**
     * @param certificates where the webhook's certificate is published (the trail's own destination, so it
     *                     lands next to the files it vouches for)
     */
    static List<Notifier> notifiers(AgentConfig config, Supplier<Destination> certificates) {
        NotifySettings n = config.notifications();
        List<Notifier> out = new ArrayList<>();
        if (n.snsTopicArn() != null) {
            out.add(new LazyNotifier("sns:" + n.snsTopicArn(), () -> SnsNotifier.create(n)));
        }
        if (n.webhookUrl() != null) {
            out.add(new LazyNotifier(WebhookNotifier.target(n.webhookUrl()), () -> {
                NotificationSigningKey key = NotificationSigningKey.loadOrCreate(n.signingKey());
                String certKey = certificateKey(config, key);
                certificates.get().put(certKey, key.certificatePem(), Collections.emptyMap());
                String certUrl = n.signingCertUrl() != null ? n.signingCertUrl() : certificateUrl(config, certKey);
                return new WebhookNotifier(n.webhookUrl(), n.webhookTopicArn(), certUrl, key);
            }));
        }
        return out;
    }

    /** {@code [<prefix>/]ct-agent/SimpleNotificationService-<sha1>.pem}: beside AWSLogs/, never inside it. */
    static String certificateKey(AgentConfig config, NotificationSigningKey key) {
        return (config.prefix().isEmpty() ? "" : config.prefix() + "/") + "ct-agent/" + key.certificateObjectKey();
    }

    /** Where a receiver fetches the published certificate, unless {@code ct.notify.webhook.signingCertUrl} says. */
    static String certificateUrl(AgentConfig config, String key) {
        S3Settings s3 = config.s3();
        if (s3 == null) {
            return config.dir().resolve(config.bucket()).resolve(key).toUri().toString();
        }
        if (s3.endpoint() != null) {
            String base = s3.endpoint().toString().replaceAll("/+$", "");
            return base + "/" + s3.bucket() + "/" + key;
        }
        return URI.create("https://" + s3.bucket() + ".s3." + s3.region() + ".amazonaws.com/" + key).toString();
    }
}
