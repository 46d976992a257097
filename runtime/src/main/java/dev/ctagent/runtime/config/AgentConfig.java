package dev.ctagent.runtime.config;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The agent's configuration: every key with its default, parsed and validated once at start.
 * {@link #KEYS} is the list the README documents; {@link ConfigSource} says where values come from.
 */
public final class AgentConfig {
    public static final List<String> DEFAULT_REDACT_KEYS = Collections.unmodifiableList(Arrays.asList(
            "password", "passwd", "secret", "token", "apikey", "api_key", "authorization", "cookie",
            "credential", "privatekey", "sessionid", "signature"));

    /** Every key and its default as text ("" = unset). Order is the README's. */
    public static final Map<String, String> KEYS;

    static {
        Map<String, String> k = new LinkedHashMap<>();
        k.put("ct.enabled", "true");
        k.put("ct.trail.name", "default");
        k.put("ct.account.id", "000000000000");
        k.put("ct.region", "$AWS_REGION, else us-east-1");
        k.put("ct.dir", "./ct-trail");
        k.put("ct.bucket", "local");
        k.put("ct.prefix", "");
        k.put("ct.service.name", "");
        k.put("ct.delivery.interval", "PT5M");
        k.put("ct.delivery.maxFileBytes", "64MB");
        k.put("ct.flush.interval", "PT1S");
        k.put("ct.gzip.level", "3");
        k.put("ct.digest.enabled", "true");
        k.put("ct.digest.interval", "PT1H");
        k.put("ct.digest.privateKey", "<ct.dir>/.ct-agent/digest-private-key.pem");
        k.put("ct.buffer.capacity", "65536");
        k.put("ct.buffer.whenFull", "drop");
        k.put("ct.trustedProxies", "");
        k.put("ct.redact.keys", String.join(",", DEFAULT_REDACT_KEYS));
        k.put("ct.requestId.header", "X-Request-Id");
        k.put("ct.capture.servlet.enabled", "true");
        k.put("ct.capture.body.maxBytes", "0");
        k.put("ct.capture.awsSdk.enabled", "true");
        k.put("ct.capture.awsSdk.messageBodies", "false");
        k.put("ct.failClosed", "false");
        k.put("ct.instance.id", "");
        k.put("ct.s3.bucket", "");
        k.put("ct.s3.prefix", "<ct.prefix>");
        k.put("ct.s3.region", "<ct.region>");
        k.put("ct.s3.endpoint", "");
        k.put("ct.s3.pathStyle", "false");
        k.put("ct.s3.sse", "none");
        k.put("ct.s3.kmsKeyId", "");
        k.put("ct.spool.dir", "<ct.dir>/.ct-agent/spool");
        k.put("ct.spool.maxBytes", "1GB");
        k.put("ct.retry.initialBackoff", "PT1S");
        k.put("ct.retry.maxBackoff", "PT2M");
        k.put("ct.sns.topicArn", "");
        k.put("ct.sns.endpoint", "");
        k.put("ct.notify.webhook.url", "");
        k.put("ct.notify.webhook.signingCertUrl", "");
        k.put("ct.notify.signingKey", "<ct.dir>/.ct-agent/notification-private-key.pem");
        KEYS = Collections.unmodifiableMap(k);
    }

    private static final Pattern TRAIL_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{1,126}[A-Za-z0-9]");
    private static final Pattern ACCOUNT = Pattern.compile("\\d{12}");
    private static final Pattern REGION = Pattern.compile("[a-z]{2}(-[a-z0-9]+)+-\\d{1,2}");
    private static final Pattern BUCKET = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");
    private static final Pattern INSTANCE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9.-]{0,62}");
    private static final Pattern TOPIC_ARN =
            Pattern.compile("arn:aws[a-z-]*:sns:([a-z]{2}(-[a-z0-9]+)+-\\d{1,2}):\\d{12}:[A-Za-z0-9_-]{1,256}(\\.fifo)?");
    private static final Pattern HEADER = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");

    private final boolean enabled;
    private final String trailName;
    private final String accountId;
    private final String region;
    private final Path dir;
    private String bucket;
    private String prefix;
    private final String serviceName;
    private final Duration deliveryInterval;
    private final long maxFileBytes;
    private final Duration flushInterval;
    private final int gzipLevel;
    private final boolean digestEnabled;
    private final Duration digestInterval;
    private final Path digestPrivateKey;
    private final int bufferCapacity;
    private final WhenFull whenFull;
    private final TrustedProxies trustedProxies;
    private final List<String> redactKeys;
    private final String requestIdHeader;
    private final boolean servletCaptureEnabled;
    private final int bodyMaxBytes;
    private final boolean awsSdkCaptureEnabled;
    private final boolean awsSdkMessageBodies;
    private final boolean failClosed;
    private final String instanceId;
    private final S3Settings s3;
    private final SpoolSettings spool;
    private final NotifySettings notify;
    private final Set<String> unknownKeys;

    private AgentConfig(ConfigSource src, Map<String, String> env) throws ConfigException {
        enabled = bool(src, "ct.enabled");
        trailName = matching(src, "ct.trail.name", TRAIL_NAME,
                "3 to 128 letters, digits, '.', '_' or '-', starting and ending with a letter or digit");
        accountId = matching(src, "ct.account.id", ACCOUNT, "12 digits");
        String r = src.get("ct.region");
        if (r == null || r.isEmpty()) {
            String fromEnv = env.get("AWS_REGION");
            r = fromEnv == null || fromEnv.trim().isEmpty() ? "us-east-1" : fromEnv.trim();
        }
        if (!REGION.matcher(r).matches()) {
            throw new ConfigException("ct.region", r, "expected an AWS region name such as us-east-1");
        }
        region = r;
        dir = Paths.get(text(src, "ct.dir")).toAbsolutePath().normalize();
        bucket = matching(src, "ct.bucket", BUCKET, "an S3 bucket name (3-63 lower-case letters, digits, '.', '-')");
        prefix = prefix(text(src, "ct.prefix"));
        String svc = text(src, "ct.service.name");
        serviceName = svc.isEmpty() ? null : svc;
        deliveryInterval = ValueParsers.duration("ct.delivery.interval", text(src, "ct.delivery.interval"));
        maxFileBytes = ValueParsers.bytes("ct.delivery.maxFileBytes", text(src, "ct.delivery.maxFileBytes"),
                64 * 1024, 1024L * 1024 * 1024 * 4);
        flushInterval = ValueParsers.duration("ct.flush.interval", text(src, "ct.flush.interval"));
        gzipLevel = (int) ValueParsers.longInRange("ct.gzip.level", text(src, "ct.gzip.level"), 1, 9);
        digestEnabled = bool(src, "ct.digest.enabled");
        digestInterval = ValueParsers.duration("ct.digest.interval", text(src, "ct.digest.interval"));
        if (digestInterval.getNano() != 0 || digestInterval.getSeconds() < 1) {
            throw new ConfigException("ct.digest.interval", text(src, "ct.digest.interval"),
                    "expected whole seconds, at least PT1S (digest names carry their end time to the second)");
        }
        String keyPath = src.get("ct.digest.privateKey");
        digestPrivateKey = keyPath == null || keyPath.trim().isEmpty()
                ? dir.resolve(".ct-agent").resolve("digest-private-key.pem")
                : Paths.get(keyPath.trim()).toAbsolutePath().normalize();
        long cap = ValueParsers.longInRange("ct.buffer.capacity", text(src, "ct.buffer.capacity"), 2, 1 << 24);
        bufferCapacity = (int) Long.highestOneBit(cap - 1) << 1; // round up to a power of two
        String wf = text(src, "ct.buffer.whenFull");
        if (wf.equalsIgnoreCase("drop")) {
            whenFull = WhenFull.DROP;
        } else if (wf.equalsIgnoreCase("block")) {
            whenFull = WhenFull.BLOCK;
        } else {
            throw new ConfigException("ct.buffer.whenFull", wf, "expected drop or block");
        }
        trustedProxies = TrustedProxies.parse("ct.trustedProxies", text(src, "ct.trustedProxies"));
        redactKeys = lowerCase(ValueParsers.list(text(src, "ct.redact.keys")));
        requestIdHeader = matching(src, "ct.requestId.header", HEADER, "an HTTP header name");
        servletCaptureEnabled = bool(src, "ct.capture.servlet.enabled");
        bodyMaxBytes = (int) ValueParsers.bytes("ct.capture.body.maxBytes", text(src, "ct.capture.body.maxBytes"),
                0, 1024 * 1024);
        awsSdkCaptureEnabled = bool(src, "ct.capture.awsSdk.enabled");
        awsSdkMessageBodies = bool(src, "ct.capture.awsSdk.messageBodies");
        failClosed = bool(src, "ct.failClosed");
        String instance = text(src, "ct.instance.id").trim();
        if (!instance.isEmpty() && !INSTANCE.matcher(instance).matches()) {
            throw new ConfigException("ct.instance.id", instance,
                    "expected 1 to 63 letters, digits, '.' or '-', starting with a letter or digit");
        }
        instanceId = instance.isEmpty() ? null : instance;
        s3 = S3Settings.parse(src.get("ct.s3.bucket") == null ? "" : src.get("ct.s3.bucket").trim(),
                orElse(src, "ct.s3.region", region), orElse(src, "ct.s3.endpoint", ""),
                text(src, "ct.s3.pathStyle"), orElse(src, "ct.s3.sse", ""), orElse(src, "ct.s3.kmsKeyId", ""));
        if (s3 != null) {
            if (!REGION.matcher(s3.region()).matches()) {
                throw new ConfigException("ct.s3.region", s3.region(), "expected an AWS region name such as us-east-1");
            }
            bucket = s3.bucket();
            String s3Prefix = src.get("ct.s3.prefix");
            if (s3Prefix != null) {
                prefix = prefix(s3Prefix.trim());
            }
        }
        spool = new SpoolSettings(path(src, "ct.spool.dir", dir.resolve(".ct-agent").resolve("spool")),
                ValueParsers.bytes("ct.spool.maxBytes", text(src, "ct.spool.maxBytes"), 1024 * 1024, Long.MAX_VALUE),
                ValueParsers.duration("ct.retry.initialBackoff", text(src, "ct.retry.initialBackoff")),
                ValueParsers.duration("ct.retry.maxBackoff", text(src, "ct.retry.maxBackoff")));
        if (spool.maxBackoff().compareTo(spool.initialBackoff()) < 0) {
            throw new ConfigException("ct.retry.maxBackoff", text(src, "ct.retry.maxBackoff"),
                    "expected at least ct.retry.initialBackoff (" + spool.initialBackoff() + ")");
        }
        notify = notifySettings(src);
        unknownKeys = src.unknownKeys(KEYS.keySet());
    }

    /** Parses and validates; the exception names the first bad key and its value. */
    public static AgentConfig from(ConfigSource source, Map<String, String> env) throws ConfigException {
        return new AgentConfig(source, env);
    }

    /**
     * Whether {@code ct.failClosed} is set, read on its own so that a config that fails to parse
     * elsewhere still honours it.
     */
    public static boolean failClosedRequested(ConfigSource source) {
        return "true".equalsIgnoreCase(source.get("ct.failClosed"));
    }

    public boolean enabled() { return enabled; }
    public String trailName() { return trailName; }
    public String accountId() { return accountId; }
    public String region() { return region; }
    public Path dir() { return dir; }
    public String bucket() { return bucket; }
    /** The key prefix without leading or trailing '/', or "" for none. */
    public String prefix() { return prefix; }
    /** The configured eventSource for served calls, or null to use the request's Host. */
    public String serviceName() { return serviceName; }
    public Duration deliveryInterval() { return deliveryInterval; }
    /** Uncompressed bytes after which a log file is finished early. */
    public long maxFileBytes() { return maxFileBytes; }
    public Duration flushInterval() { return flushInterval; }
    public int gzipLevel() { return gzipLevel; }
    /** Whether log file integrity validation (the signed digest chain) is on. */
    public boolean digestEnabled() { return digestEnabled; }
    /** How often a digest is delivered; windows end on multiples of it (UTC, from the epoch). */
    public Duration digestInterval() { return digestInterval; }
    /** The PEM file holding the RSA private key digests are signed with. */
    public Path digestPrivateKey() { return digestPrivateKey; }
    /** Ring capacity, rounded up to a power of two. */
    public int bufferCapacity() { return bufferCapacity; }
    public WhenFull whenFull() { return whenFull; }
    public TrustedProxies trustedProxies() { return trustedProxies; }
    /** Lower-case substrings; a parameter or field whose name contains one is redacted. */
    public List<String> redactKeys() { return redactKeys; }
    public String requestIdHeader() { return requestIdHeader; }
    public boolean servletCaptureEnabled() { return servletCaptureEnabled; }
    /** {@code ct.capture.awsSdk.enabled}: calls made through the AWS SDK (v2 and v1) become records. */
    public boolean awsSdkCaptureEnabled() { return awsSdkCaptureEnabled; }
    /** {@code ct.capture.awsSdk.messageBodies}: SQS/SNS message bodies and DynamoDB items are recorded. */
    public boolean awsSdkMessageBodies() { return awsSdkMessageBodies; }
    /** 0 = request bodies are not captured. */
    public int bodyMaxBytes() { return bodyMaxBytes; }
    public boolean failClosed() { return failClosed; }
    /**
     * {@code ct.instance.id}: set when several agents write one trail into one bucket; each instance's
     * digests then form their own chain (see the README). Null when unset.
     */
    public String instanceId() { return instanceId; }
    /** {@code ct.s3.*}, or null when the trail stays in the local directory. */
    public S3Settings s3() { return s3; }
    public SpoolSettings spool() { return spool; }
    public NotifySettings notifications() { return notify; }
    /** {@code ct.*} keys set but not known: most likely typos, worth a warning. */
    public Set<String> unknownKeys() { return unknownKeys; }

    private static String text(ConfigSource src, String key) {
        String v = src.get(key);
        if (v != null) {
            return v;
        }
        String d = KEYS.get(key);
        return d == null ? "" : d;
    }

    /** The key's value when set and not blank, else {@code fallback}. */
    private static String orElse(ConfigSource src, String key, String fallback) {
        String v = src.get(key);
        return v == null || v.trim().isEmpty() ? fallback : v.trim();
    }

    private Path path(ConfigSource src, String key, Path fallback) {
        String v = src.get(key);
        return v == null || v.trim().isEmpty() ? fallback : Paths.get(v.trim()).toAbsolutePath().normalize();
    }

    private NotifySettings notifySettings(ConfigSource src) throws ConfigException {
        String topic = orElse(src, "ct.sns.topicArn", "");
        String topicRegion = null;
        if (!topic.isEmpty()) {
            Matcher m = TOPIC_ARN.matcher(topic);
            if (!m.matches()) {
                throw new ConfigException("ct.sns.topicArn", topic,
                        "expected an SNS topic ARN such as arn:aws:sns:us-east-1:123456789012:my-topic");
            }
            topicRegion = m.group(1);
        }
        String snsEndpoint = orElse(src, "ct.sns.endpoint", "");
        String webhook = orElse(src, "ct.notify.webhook.url", "");
        String certUrl = orElse(src, "ct.notify.webhook.signingCertUrl", "");
        return new NotifySettings(topic.isEmpty() ? null : topic,
                snsEndpoint.isEmpty() ? null : HttpUris.parse("ct.sns.endpoint", snsEndpoint), topicRegion,
                webhook.isEmpty() ? null : HttpUris.parse("ct.notify.webhook.url", webhook),
                topic.isEmpty() ? "arn:aws:sns:" + region + ":" + accountId + ":ct-agent-" + trailName : topic,
                certUrl.isEmpty() ? null : HttpUris.parse("ct.notify.webhook.signingCertUrl", certUrl).toString(),
                path(src, "ct.notify.signingKey", dir.resolve(".ct-agent").resolve("notification-private-key.pem")));
    }

    private static boolean bool(ConfigSource src, String key) throws ConfigException {
        return ValueParsers.bool(key, text(src, key));
    }

    private static String matching(ConfigSource src, String key, Pattern p, String expected)
            throws ConfigException {
        String v = text(src, key);
        if (!p.matcher(v).matches()) {
            throw new ConfigException(key, v, "expected " + expected);
        }
        return v;
    }

    private static String prefix(String p) {
        String s = p;
        while (s.startsWith("/")) {
            s = s.substring(1);
        }
        while (s.endsWith("/")) {
            s = s.substring(0, s.length() - 1);
        }
        return s;
    }

    private static List<String> lowerCase(List<String> in) {
        String[] out = new String[in.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = in.get(i).toLowerCase(Locale.ROOT);
        }
        return Collections.unmodifiableList(Arrays.asList(out));
    }
}
