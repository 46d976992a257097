package dev.ctagent.runtime.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Paths;
import java.time.Duration;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class AgentConfigTest {
    private static final Map<String, String> NO_ENV = Collections.emptyMap();

    private static ConfigSource sys(String... kv) {
        Properties p = new Properties();
        for (int i = 0; i < kv.length; i += 2) {
            p.setProperty(kv[i], kv[i + 1]);
        }
        return ConfigSource.of(new Properties(), p, NO_ENV);
    }

    private static AgentConfig config(String... kv) throws ConfigException {
        return AgentConfig.from(sys(kv), NO_ENV);
    }

    @Test
    void keysListsEveryKeyInTheReadmeOrder() {
        assertThat(AgentConfig.KEYS.keySet()).containsExactly(
                "ct.enabled", "ct.trail.name", "ct.account.id", "ct.region", "ct.dir", "ct.bucket", "ct.prefix",
                "ct.service.name", "ct.delivery.interval", "ct.delivery.maxFileBytes", "ct.flush.interval",
                "ct.gzip.level", "ct.digest.enabled", "ct.digest.interval", "ct.digest.privateKey",
                "ct.buffer.capacity", "ct.buffer.whenFull", "ct.trustedProxies",
                "ct.redact.keys", "ct.requestId.header", "ct.capture.servlet.enabled",
                "ct.capture.body.maxBytes", "ct.capture.awsSdk.enabled", "ct.capture.awsSdk.messageBodies",
                "ct.failClosed", "ct.instance.id", "ct.s3.bucket", "ct.s3.prefix", "ct.s3.region", "ct.s3.endpoint",
                "ct.s3.pathStyle", "ct.s3.sse", "ct.s3.kmsKeyId", "ct.spool.dir", "ct.spool.maxBytes",
                "ct.retry.initialBackoff", "ct.retry.maxBackoff", "ct.sns.topicArn", "ct.sns.endpoint",
                "ct.notify.webhook.url", "ct.notify.webhook.signingCertUrl", "ct.notify.signingKey");
    }

    @Test
    void anS3BucketNamesTheTrailsBucketAndPrefixAndDefaultsToTheTrailsRegion() throws ConfigException {
        AgentConfig c = config("ct.s3.bucket", "org-trails", "ct.s3.prefix", "/fleet/", "ct.region", "eu-west-1",
                "ct.s3.sse", "aws:kms", "ct.s3.kmsKeyId", "alias/trails", "ct.s3.endpoint", "http://127.0.0.1:9000",
                "ct.s3.pathStyle", "true", "ct.dir", "/tmp/t");
        assertThat(c.bucket()).isEqualTo("org-trails");
        assertThat(c.prefix()).isEqualTo("fleet");
        assertThat(c.s3().region()).isEqualTo("eu-west-1");
        assertThat(c.s3().sse()).isEqualTo(S3Settings.Sse.KMS);
        assertThat(c.s3().kmsKeyId()).isEqualTo("alias/trails");
        assertThat(c.s3().endpoint()).hasToString("http://127.0.0.1:9000");
        assertThat(c.s3().pathStyle()).isTrue();
        assertThat(c.spool().dir()).isEqualTo(java.nio.file.Paths.get("/tmp/t/.ct-agent/spool"));
        assertThat(config().s3()).isNull();
    }

    @Test
    void notificationsDefaultToNoneAndAWebhookTopicIsMadeUpFromTheTrail() throws ConfigException {
        assertThat(config().notifications().snsTopicArn()).isNull();
        assertThat(config().notifications().webhookUrl()).isNull();
        NotifySettings n = config("ct.notify.webhook.url", "https://hooks.example.com/ct", "ct.region", "eu-west-1",
                "ct.account.id", "123456789012", "ct.trail.name", "orders").notifications();
        assertThat(n.webhookTopicArn()).isEqualTo("arn:aws:sns:eu-west-1:123456789012:ct-agent-orders");
        NotifySettings sns = config("ct.sns.topicArn", "arn:aws:sns:us-west-2:123456789012:trail-events").notifications();
        assertThat(sns.snsRegion()).isEqualTo("us-west-2");
        assertThat(sns.webhookTopicArn()).isEqualTo("arn:aws:sns:us-west-2:123456789012:trail-events");
    }

    @Test
    void s3OptionsThatOnlyMakeSenseTogetherAreCheckedTogether() {
        ConfigException kms = catchThrowableOfType(ConfigException.class,
                () -> config("ct.s3.bucket", "trails", "ct.s3.kmsKeyId", "alias/k"));
        assertThat(kms.key()).isEqualTo("ct.s3.kmsKeyId");
        ConfigException region = catchThrowableOfType(ConfigException.class,
                () -> config("ct.s3.bucket", "trails", "ct.s3.region", "mars"));
        assertThat(region.key()).isEqualTo("ct.s3.region");
        ConfigException backoff = catchThrowableOfType(ConfigException.class,
                () -> config("ct.retry.initialBackoff", "PT10S", "ct.retry.maxBackoff", "PT1S"));
        assertThat(backoff.key()).isEqualTo("ct.retry.maxBackoff");
    }

    @Test
    void digestKeyPathIsResolvedAgainstTheWorkingDirectoryAndIntervalIsWholeSeconds() throws ConfigException {
        AgentConfig c = config("ct.digest.privateKey", "keys/../signing.pem", "ct.digest.interval", "PT10S",
                "ct.dir", "/tmp/trail");
        assertThat(c.digestPrivateKey()).isEqualTo(Paths.get("signing.pem").toAbsolutePath());
        assertThat(c.digestInterval()).isEqualTo(Duration.ofSeconds(10));
        assertThat(config("ct.dir", "/tmp/trail").digestPrivateKey())
                .isEqualTo(Paths.get("/tmp/trail/.ct-agent/digest-private-key.pem"));
    }

    @Test
    void defaultsMatchTheDocumentedKeys() throws ConfigException {
        AgentConfig c = config();
        Map<String, String> k = AgentConfig.KEYS;
        assertThat(c.enabled()).isEqualTo(Boolean.parseBoolean(k.get("ct.enabled"))).isTrue();
        assertThat(c.trailName()).isEqualTo(k.get("ct.trail.name")).isEqualTo("default");
        assertThat(c.accountId()).isEqualTo(k.get("ct.account.id")).isEqualTo("000000000000");
        assertThat(c.region()).isEqualTo("us-east-1");
        assertThat(c.dir()).isEqualTo(Paths.get(k.get("ct.dir")).toAbsolutePath().normalize());
        assertThat(c.dir()).isAbsolute().endsWithRaw(Paths.get("ct-trail"));
        assertThat(c.bucket()).isEqualTo(k.get("ct.bucket")).isEqualTo("local");
        assertThat(c.prefix()).isEqualTo(k.get("ct.prefix")).isEmpty();
        assertThat(k.get("ct.service.name")).isEmpty();
        assertThat(c.serviceName()).isNull();
        assertThat(c.deliveryInterval()).isEqualTo(Duration.parse(k.get("ct.delivery.interval")))
                .isEqualTo(Duration.ofMinutes(5));
        assertThat(k.get("ct.delivery.maxFileBytes")).isEqualTo("64MB");
        assertThat(c.maxFileBytes()).isEqualTo(64L * 1024 * 1024);
        assertThat(c.flushInterval()).isEqualTo(Duration.parse(k.get("ct.flush.interval")))
                .isEqualTo(Duration.ofSeconds(1));
        assertThat(c.gzipLevel()).isEqualTo(Integer.parseInt(k.get("ct.gzip.level"))).isEqualTo(3);
        assertThat(c.digestEnabled()).isEqualTo(Boolean.parseBoolean(k.get("ct.digest.enabled"))).isTrue();
        assertThat(c.digestInterval()).isEqualTo(Duration.parse(k.get("ct.digest.interval")))
                .isEqualTo(Duration.ofHours(1));
        assertThat(c.digestPrivateKey()).isEqualTo(c.dir().resolve(".ct-agent/digest-private-key.pem"));
        assertThat(k.get("ct.digest.privateKey")).isEqualTo("<ct.dir>/.ct-agent/digest-private-key.pem");
        assertThat(c.bufferCapacity()).isEqualTo(Integer.parseInt(k.get("ct.buffer.capacity"))).isEqualTo(65536);
        assertThat(c.whenFull().name()).isEqualToIgnoringCase(k.get("ct.buffer.whenFull"));
        assertThat(c.whenFull()).isEqualTo(WhenFull.DROP);
        assertThat(k.get("ct.trustedProxies")).isEmpty();
        assertThat(c.trustedProxies().isEmpty()).isTrue();
        assertThat(c.redactKeys()).containsExactlyElementsOf(AgentConfig.DEFAULT_REDACT_KEYS);
        assertThat(String.join(",", c.redactKeys())).isEqualTo(k.get("ct.redact.keys"));
        assertThat(c.requestIdHeader()).isEqualTo(k.get("ct.requestId.header")).isEqualTo("X-Request-Id");
        assertThat(c.servletCaptureEnabled()).isEqualTo(Boolean.parseBoolean(k.get("ct.capture.servlet.enabled")))
                .isTrue();
        assertThat(c.bodyMaxBytes()).isEqualTo(Integer.parseInt(k.get("ct.capture.body.maxBytes"))).isZero();
        assertThat(c.failClosed()).isEqualTo(Boolean.parseBoolean(k.get("ct.failClosed"))).isFalse();
        assertThat(c.unknownKeys()).isEmpty();
    }

    @Test
    void everyDocumentedDefaultExceptRegionParsesWhenGivenExplicitly() throws ConfigException {
        Properties p = new Properties();
        AgentConfig.KEYS.forEach((key, value) -> {
            if (!key.equals("ct.region")) {
                p.setProperty(key, value);
            }
        });
        AgentConfig explicit = AgentConfig.from(ConfigSource.of(new Properties(), p, NO_ENV), NO_ENV);
        AgentConfig implicit = config();
        assertThat(explicit.bufferCapacity()).isEqualTo(implicit.bufferCapacity());
        assertThat(explicit.maxFileBytes()).isEqualTo(implicit.maxFileBytes());
        assertThat(explicit.redactKeys()).isEqualTo(implicit.redactKeys());
        assertThat(explicit.serviceName()).isNull();
    }

    @Test
    void regionComesFromAwsRegionWhenCtRegionIsUnset() throws ConfigException {
        Map<String, String> env = new HashMap<>();
        env.put("AWS_REGION", " eu-west-2 ");
        assertThat(AgentConfig.from(sys(), env).region()).isEqualTo("eu-west-2");
        assertThat(AgentConfig.from(sys("ct.region", ""), env).region()).isEqualTo("eu-west-2");
    }

    @Test
    void ctRegionBeatsAwsRegion() throws ConfigException {
        Map<String, String> env = new HashMap<>();
        env.put("AWS_REGION", "eu-west-2");
        assertThat(AgentConfig.from(sys("ct.region", "ap-southeast-1"), env).region()).isEqualTo("ap-southeast-1");
    }

    @Test
    void regionIsUsEast1WhenNeitherIsSet() throws ConfigException {
        Map<String, String> env = new HashMap<>();
        env.put("AWS_REGION", "   ");
        assertThat(AgentConfig.from(sys(), env).region()).isEqualTo("us-east-1");
        assertThat(AgentConfig.from(sys(), NO_ENV).region()).isEqualTo("us-east-1");
    }

    @Test
    void badAwsRegionIsReportedAsCtRegion() {
        Map<String, String> env = new HashMap<>();
        env.put("AWS_REGION", "mars");
        ConfigException e = catchThrowableOfType(ConfigException.class, () -> AgentConfig.from(sys(), env));
        assertThat(e).isNotNull();
        assertThat(e.key()).isEqualTo("ct.region");
        assertThat(e.getMessage()).contains("'mars'");
    }

    static Stream<Arguments> badValues() {
        return Stream.of(
                Arguments.of("ct.enabled", "maybe"),
                Arguments.of("ct.instance.id", "pod_a"),
                Arguments.of("ct.instance.id", "pod~a"),
                Arguments.of("ct.s3.bucket", "Upper_Case"),
                Arguments.of("ct.s3.sse", "aes256"),
                Arguments.of("ct.spool.maxBytes", "10KB"),
                Arguments.of("ct.retry.initialBackoff", "0"),
                Arguments.of("ct.sns.topicArn", "arn:aws:sqs:us-east-1:123456789012:q"),
                Arguments.of("ct.sns.endpoint", "localhost:4566"),
                Arguments.of("ct.notify.webhook.url", "ftp://example.com/x"),
                Arguments.of("ct.notify.webhook.signingCertUrl", "not a url"),
                Arguments.of("ct.trail.name", "ab"),
                Arguments.of("ct.trail.name", "-trail"),
                Arguments.of("ct.account.id", "12345"),
                Arguments.of("ct.account.id", "12345678901a"),
                Arguments.of("ct.region", "mars"),
                Arguments.of("ct.region", "US-EAST-1"),
                Arguments.of("ct.bucket", "Bad_Bucket"),
                Arguments.of("ct.bucket", "ab"),
                Arguments.of("ct.delivery.interval", "soon"),
                Arguments.of("ct.delivery.interval", "0"),
                Arguments.of("ct.delivery.interval", "-PT1S"),
                Arguments.of("ct.delivery.interval", "PT0S"),
                Arguments.of("ct.delivery.interval", "-5"),
                Arguments.of("ct.delivery.interval", "NaN"),
                Arguments.of("ct.flush.interval", "soon"),
                Arguments.of("ct.flush.interval", "0"),
                Arguments.of("ct.flush.interval", "-PT1S"),
                Arguments.of("ct.delivery.maxFileBytes", "10"),
                Arguments.of("ct.delivery.maxFileBytes", "12XB"),
                Arguments.of("ct.delivery.maxFileBytes", "63KB"),
                Arguments.of("ct.delivery.maxFileBytes", "5GB"),
                Arguments.of("ct.delivery.maxFileBytes", "1.5MB"),
                Arguments.of("ct.gzip.level", "0"),
                Arguments.of("ct.gzip.level", "10"),
                Arguments.of("ct.gzip.level", "x"),
                Arguments.of("ct.digest.enabled", "maybe"),
                Arguments.of("ct.digest.interval", "PT0.5S"),
                Arguments.of("ct.digest.interval", "PT1.5S"),
                Arguments.of("ct.digest.interval", "hourly"),
                Arguments.of("ct.buffer.capacity", "0"),
                Arguments.of("ct.buffer.capacity", "1"),
                Arguments.of("ct.buffer.capacity", "lots"),
                Arguments.of("ct.buffer.capacity", "16777217"),
                Arguments.of("ct.buffer.whenFull", "wait"),
                Arguments.of("ct.trustedProxies", "10.0.0.0/99"),
                Arguments.of("ct.trustedProxies", "example.com"),
                Arguments.of("ct.trustedProxies", "10.0.0.1, localhost"),
                Arguments.of("ct.trustedProxies", "10.0.0.0/x"),
                Arguments.of("ct.trustedProxies", "::/129"),
                Arguments.of("ct.requestId.header", "bad header"),
                Arguments.of("ct.requestId.header", "X-Id:"),
                Arguments.of("ct.capture.servlet.enabled", "on"),
                Arguments.of("ct.capture.body.maxBytes", "-1"),
                Arguments.of("ct.capture.body.maxBytes", "2MB"),
                Arguments.of("ct.failClosed", "yes"));
    }

    @ParameterizedTest(name = "{0}={1}")
    @MethodSource("badValues")
    void badValueNamesKeyAndQuotedValue(String key, String value) {
        ConfigException e = catchThrowableOfType(ConfigException.class, () -> config(key, value));
        assertThat(e).as("%s=%s should be rejected", key, value).isNotNull();
        assertThat(e.key()).isEqualTo(key);
        assertThat(e.getMessage()).contains(key).contains("'" + value + "'");
    }

    @Test
    void badValueFromFileOrEnvironmentIsReportedTheSameWay() {
        Properties file = new Properties();
        file.setProperty("ct.gzip.level", "11");
        ConfigException fromFile = catchThrowableOfType(ConfigException.class,
                () -> AgentConfig.from(ConfigSource.of(file, new Properties(), NO_ENV), NO_ENV));
        assertThat(fromFile.key()).isEqualTo("ct.gzip.level");
        assertThat(fromFile.getMessage()).contains("'11'");

        Map<String, String> env = new HashMap<>();
        env.put("CT_BUFFER_CAPACITY", "lots");
        ConfigException fromEnv = catchThrowableOfType(ConfigException.class,
                () -> AgentConfig.from(ConfigSource.of(new Properties(), new Properties(), env), env));
        assertThat(fromEnv.key()).isEqualTo("ct.buffer.capacity");
        assertThat(fromEnv.getMessage()).contains("'lots'");
    }

    @Test
    void longBadValueIsShortenedAndNewlinesEscapedInTheMessage() {
        String huge = "x".repeat(500);
        ConfigException e = catchThrowableOfType(ConfigException.class, () -> config("ct.gzip.level", huge));
        assertThat(e.getMessage()).contains("'" + "x".repeat(200) + "...'").doesNotContain("x".repeat(201));
        ConfigException nl = new ConfigException("ct.x", "a\nb\rc", "expected d");
        assertThat(nl.getMessage()).isEqualTo("ct.x='a\\nb\\rc' is invalid: expected d").doesNotContain("\n");
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "PT5M, PT5M",
            "pt90s, PT1M30S",
            "P1D, PT24H",
            "PT0.25S, PT0.25S",
            "300, PT5M",
            "0.5, PT0.5S",
            "1.25, PT1.25S",
            "2, PT2S"})
    void durationsAcceptIso8601AndSeconds(String value, String expected) throws ConfigException {
        AgentConfig c = config("ct.delivery.interval", value, "ct.flush.interval", value);
        assertThat(c.deliveryInterval()).isEqualTo(Duration.parse(expected));
        assertThat(c.flushInterval()).isEqualTo(Duration.parse(expected));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "65536, 65536",
            "64KB, 65536",
            "100kb, 102400",
            "1MB, 1048576",
            "64 MB, 67108864",
            "1GB, 1073741824",
            "4GB, 4294967296",
            "70000B, 70000",
            "1_048_576, 1048576"})
    void byteSizesAcceptSuffixes(String value, long expected) throws ConfigException {
        assertThat(config("ct.delivery.maxFileBytes", value).maxFileBytes()).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({"0, 0", "512, 512", "4KB, 4096", "1MB, 1048576"})
    void bodyMaxBytesAcceptsZeroToOneMegabyte(String value, int expected) throws ConfigException {
        assertThat(config("ct.capture.body.maxBytes", value).bodyMaxBytes()).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "2, 2", "3, 4", "4, 4", "5, 8", "1000, 1024", "65535, 65536", "65536, 65536", "65537, 131072",
            "16777216, 16777216", "1_024, 1024"})
    void bufferCapacityRoundsUpToAPowerOfTwo(String value, int expected) throws ConfigException {
        assertThat(config("ct.buffer.capacity", value).bufferCapacity()).isEqualTo(expected);
    }

    @Test
    void whenFullIsCaseInsensitive() throws ConfigException {
        assertThat(config("ct.buffer.whenFull", "BLOCK").whenFull()).isEqualTo(WhenFull.BLOCK);
        assertThat(config("ct.buffer.whenFull", "Drop").whenFull()).isEqualTo(WhenFull.DROP);
    }

    @ParameterizedTest(name = "''{0}'' -> ''{1}''")
    @CsvSource(value = {"/a/b/|a/b", "///logs///|logs", "/|''", "a/b|a/b", "''|''", "x/y/z/|x/y/z"},
            delimiter = '|')
    void prefixIsTrimmedOfSlashes(String value, String expected) throws ConfigException {
        assertThat(config("ct.prefix", value).prefix()).isEqualTo(expected);
    }

    @Test
    void redactKeysAreTrimmedLowerCasedAndEmptyEntriesDropped() throws ConfigException {
        AgentConfig c = config("ct.redact.keys", " Password, X-API-Key ,,SessionID ");
        assertThat(c.redactKeys()).containsExactly("password", "x-api-key", "sessionid");
    }

    @Test
    void otherValuesAreParsed() throws ConfigException {
        AgentConfig c = config(
                "ct.enabled", "FALSE",
                "ct.trail.name", "my_trail.v-2",
                "ct.account.id", "123456789012",
                "ct.dir", "target/../some/dir",
                "ct.bucket", "my.bucket-1",
                "ct.service.name", "orders.example.com",
                "ct.gzip.level", "9",
                "ct.trustedProxies", "10.0.0.0/8, ::1",
                "ct.requestId.header", "X-Amzn-Trace-Id",
                "ct.capture.servlet.enabled", "false",
                "ct.failClosed", "True");
        assertThat(c.enabled()).isFalse();
        assertThat(c.trailName()).isEqualTo("my_trail.v-2");
        assertThat(c.accountId()).isEqualTo("123456789012");
        assertThat(c.dir()).isAbsolute().isEqualTo(Paths.get("some/dir").toAbsolutePath().normalize());
        assertThat(c.bucket()).isEqualTo("my.bucket-1");
        assertThat(c.serviceName()).isEqualTo("orders.example.com");
        assertThat(c.gzipLevel()).isEqualTo(9);
        assertThat(c.trustedProxies().contains("10.9.8.7")).isTrue();
        assertThat(c.trustedProxies().contains("::1")).isTrue();
        assertThat(c.trustedProxies().contains("11.0.0.1")).isFalse();
        assertThat(c.requestIdHeader()).isEqualTo("X-Amzn-Trace-Id");
        assertThat(c.servletCaptureEnabled()).isFalse();
        assertThat(c.failClosed()).isTrue();
    }

    @Test
    void failClosedRequestedReadsTheKeyEvenWhenOtherKeysAreBad() {
        ConfigSource src = sys("ct.gzip.level", "x", "ct.failClosed", "true");
        assertThatThrownBy(() -> AgentConfig.from(src, NO_ENV)).isInstanceOf(ConfigException.class);
        assertThat(AgentConfig.failClosedRequested(src)).isTrue();
    }

    @Test
    void failClosedRequestedFromEnvironmentAndCaseInsensitively() {
        Map<String, String> env = new HashMap<>();
        env.put("CT_FAIL_CLOSED", " TRUE ");
        env.put("CT_REGION", "mars");
        assertThat(AgentConfig.failClosedRequested(ConfigSource.of(new Properties(), new Properties(), env)))
                .isTrue();
    }

    @Test
    void failClosedNotRequestedWhenUnsetFalseOrUnparseable() {
        assertThat(AgentConfig.failClosedRequested(sys())).isFalse();
        assertThat(AgentConfig.failClosedRequested(sys("ct.failClosed", "false"))).isFalse();
        assertThat(AgentConfig.failClosedRequested(sys("ct.failClosed", "yes", "ct.gzip.level", "x"))).isFalse();
    }

    @Test
    void aBadWhenFullValueIsQuotedAsGiven() {
        assertThatThrownBy(() -> config("ct.buffer.whenFull", "WAIT")).hasMessageContaining("'WAIT'");
    }
}
