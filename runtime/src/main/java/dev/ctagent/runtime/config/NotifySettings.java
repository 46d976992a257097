package dev.ctagent.runtime.config;

import java.net.URI;
import java.nio.file.Path;

/**
 * Who is told about delivered log files: an SNS topic ({@code ct.sns.*}) and/or an HTTP(S) webhook that
 * receives SNS's HTTP envelope ({@code ct.notify.*}).
 */
public final class NotifySettings {
    private final String snsTopicArn;
    private final URI snsEndpoint;
    private final String snsRegion;
    private final URI webhookUrl;
    private final String webhookTopicArn;
    private final String signingCertUrl;
    private final Path signingKey;

    NotifySettings(String snsTopicArn, URI snsEndpoint, String snsRegion, URI webhookUrl, String webhookTopicArn,
            String signingCertUrl, Path signingKey) {
        this.snsTopicArn = snsTopicArn;
        this.snsEndpoint = snsEndpoint;
        this.snsRegion = snsRegion;
        this.webhookUrl = webhookUrl;
        this.webhookTopicArn = webhookTopicArn;
        this.signingCertUrl = signingCertUrl;
        this.signingKey = signingKey;
    }

    /** {@code ct.sns.topicArn}, or null for no SNS notifications. */
    public String snsTopicArn() { return snsTopicArn; }
    /** {@code ct.sns.endpoint}, or null for AWS's own. */
    public URI snsEndpoint() { return snsEndpoint; }
    /** The topic's region (from its ARN), or null without a topic. */
    public String snsRegion() { return snsRegion; }
    /** {@code ct.notify.webhook.url}, or null for no webhook. */
    public URI webhookUrl() { return webhookUrl; }
    /**
     * The {@code TopicArn} the webhook's envelopes carry: {@code ct.sns.topicArn} when set, else
     * {@code arn:aws:sns:<ct.region>:<ct.account.id>:ct-agent-<ct.trail.name>}.
     */
    public String webhookTopicArn() { return webhookTopicArn; }
    /**
     * {@code ct.notify.webhook.signingCertUrl}: the {@code SigningCertURL} the envelopes carry, or null for
     * the default (where the agent publishes the certificate).
     */
    public String signingCertUrl() { return signingCertUrl; }
    /** {@code ct.notify.signingKey}: the webhook's RSA key (PEM), created when missing. */
    public Path signingKey() { return signingKey; }
}
