package dev.ctagent.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * A javax.servlet app on Jetty 9.4 that ships its own old Jackson, Bouncy Castle and Byte Buddy, run with
 * the real agent jar: every request becomes exactly one record with the right fields.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class JavaxJettyCaptureIT {
    private Path trailDir;
    private ForkedApp app;
    private Http http;
    private final Exchanges sent = new Exchanges();
    private List<JsonNode> records;
    private int exitCode;

    @BeforeAll
    void runScenario() throws Exception {
        trailDir = Files.createTempDirectory("ct-it");
        app = ForkedApp.start(Paths.THIS_JAVA, ForkedApp.agentArgs(Map.of(
                "ct.dir", trailDir.toString(),
                "ct.region", "eu-west-1",
                "ct.account.id", "123456789012")), Paths.JETTY_APP, "0");
        http = new Http(app.awaitReady());
        sent.put("hello", http.get("/hello", "User-Agent", "it-agent/1.0"));
        sent.put("forward", http.get("/forward"));
        sent.put("include", http.get("/include"));
        sent.put("async", http.get("/async"));
        sent.put("asyncTimeout", http.get("/async-timeout"));
        sent.put("boom", http.get("/boom"));
        sent.put("missing", http.get("/no/such/path"));
        sent.put("itemGet", http.get("/items/42?color=red&color=blue&size=L"));
        sent.put("itemPost", http.postForm("/items", "item=book&password=canary-form-secret&qty=2"));
        sent.put("basic", http.get("/hello", "Authorization", "Basic "
                + Base64.getEncoder().encodeToString("alice:canary-basic-secret".getBytes(StandardCharsets.UTF_8))));
        sent.put("sigv4", http.get("/hello", "Authorization", "AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20260101/"
                + "us-east-1/execute-api/aws4_request, SignedHeaders=host, Signature=canarysignature0123456789"));
        sent.put("libs", http.get("/libs"));
        sent.put("seesAgentMain", http.get("/visible?class=dev.ctagent.agent.AgentMain"));
        sent.put("seesTrail", http.get("/visible?class=dev.ctagent.delivery.writer.Trail"));
        sent.put("seesRing", http.get("/visible?class=dev.ctagent.runtime.capture.CaptureRing"));
        sent.put("seesShadedJackson", http.get("/visible?class=dev.ctagent.shaded.com.fasterxml.jackson.core.JsonFactory"));
        sent.put("seesBridge", http.get("/visible?class=dev.ctagent.bridge.ServletBridge"));
        sent.put("captureFault", http.get("/capture-fault"));
        sent.put("afterFault", http.get("/hello"));
        exitCode = app.stop();
        records = TrailFiles.records(trailDir, "local");
        sent.match(records);
    }

    @AfterAll
    void cleanUp() throws Exception {
        app.close();
    }

    private JsonNode record(String name) {
        return sent.record(name);
    }

    @Test
    void everyRequestIsExactlyOneRecordAndTheAppAnsweredNormally() {
        assertThat(exitCode).as("app exit after SIGTERM").isIn(0, 143);
        assertThat(sent.reply("hello").status()).isEqualTo(200);
        assertThat(sent.reply("libs").status()).isEqualTo(200);
        assertThat(sent.reply("captureFault").status()).as("capture fault leaves the request alone").isEqualTo(200);
        assertThat(sent.reply("captureFault").body()).isEqualTo("ok");
        // The forced capture fault yields no record; every other request exactly one.
        assertThat(records).hasSize(sent.size() - 1);
        assertThat(sent.hasRecord("captureFault")).isFalse();
        records.forEach(CloudTrailRules::assertValid);
    }

    @Test
    void aPlainGetMapsToAReadOnlyManagementCall() {
        JsonNode r = record("hello");
        assertThat(r.get("eventVersion").asText()).isEqualTo("1.11");
        assertThat(r.get("eventSource").asText()).isEqualTo("127.0.0.1");
        assertThat(r.get("eventName").asText()).isEqualTo("GET /hello");
        assertThat(r.get("awsRegion").asText()).isEqualTo("eu-west-1");
        assertThat(r.get("recipientAccountId").asText()).isEqualTo("123456789012");
        assertThat(r.get("sourceIPAddress").asText()).isEqualTo("127.0.0.1");
        assertThat(r.get("userAgent").asText()).isEqualTo("it-agent/1.0");
        assertThat(r.get("readOnly").asBoolean()).isTrue();
        assertThat(r.get("responseElements").isNull()).isTrue();
        assertThat(r.get("requestParameters").isNull()).isTrue();
        assertThat(r.get("eventType").asText()).isEqualTo("AwsApiCall");
        assertThat(r.get("eventCategory").asText()).isEqualTo("Management");
        assertThat(r.get("managementEvent").asBoolean()).isTrue();
        assertThat(r.has("errorCode")).isFalse();
        assertThat(r.get("userIdentity").get("accountId").asText()).isEqualTo("anonymous");
    }

    @Test
    void forwardIncludeAndNestedFiltersAreOneRecordEach() {
        assertThat(record("forward").get("eventName").asText()).isEqualTo("GET /forward");
        assertThat(record("include").get("eventName").asText()).isEqualTo("GET /include");
        assertThat(records.stream().filter(r -> r.get("eventName").asText().equals("GET /hello")))
                .as("hello, basic, sigv4, afterFault; not the forward or include target").hasSize(4);
    }

    @Test
    void asyncRequestsAreRecordedOnCompletion() {
        JsonNode done = record("async");
        assertThat(done.get("eventName").asText()).isEqualTo("GET /async");
        assertThat(done.has("errorCode")).isFalse();
        JsonNode timedOut = record("asyncTimeout");
        assertThat(timedOut.get("errorCode").asText()).isEqualTo("AsyncTimeoutException");
    }

    @Test
    void errorsCarryTheExceptionOrTheStatus() {
        JsonNode boom = record("boom");
        assertThat(boom.get("errorCode").asText()).isEqualTo("IllegalStateException");
        assertThat(boom.get("errorMessage").asText()).isEqualTo("boom");
        JsonNode missing = record("missing");
        assertThat(sent.reply("missing").status()).isEqualTo(404);
        assertThat(missing.get("errorCode").asText()).isEqualTo("NotFound");
    }

    @Test
    void parametersAreCapturedAndSecretsRedacted() {
        JsonNode get = record("itemGet").get("requestParameters");
        assertThat(get.get("size").asText()).isEqualTo("L");
        assertThat(get.get("color").isArray()).isTrue();
        assertThat(get.get("color").get(1).asText()).isEqualTo("blue");
        JsonNode post = record("itemPost");
        assertThat(post.get("readOnly").asBoolean()).isFalse();
        assertThat(post.get("responseElements").get("httpStatus").asInt()).isEqualTo(200);
        assertThat(post.get("requestParameters").get("item").asText()).isEqualTo("book");
        assertThat(post.get("requestParameters").get("password").asText()).isEqualTo("HIDDEN_DUE_TO_SECURITY_REASONS");
    }

    @Test
    void identityComesFromTheAuthorizationHeaderWithoutItsSecret() throws Exception {
        assertThat(record("basic").get("userIdentity").get("userName").asText()).isEqualTo("alice");
        JsonNode sig = record("sigv4").get("userIdentity");
        assertThat(sig.get("type").asText()).isEqualTo("IAMUser");
        assertThat(sig.get("accessKeyId").asText()).isEqualTo("AKIAIOSFODNN7EXAMPLE");
        TrailFiles.assertNowhere(trailDir, "canary");
    }

    @Test
    void agentInternalsAreInvisibleToTheApplication() {
        assertThat(sent.reply("seesAgentMain").body()).isEqualTo("false");
        assertThat(sent.reply("seesTrail").body()).isEqualTo("false");
        assertThat(sent.reply("seesRing").body()).isEqualTo("false");
        assertThat(sent.reply("seesShadedJackson").body()).isEqualTo("false");
        // Only the JDK-only bridge the inlined advice calls is visible (from the bootstrap class path).
        assertThat(sent.reply("seesBridge").body()).isEqualTo("true");
    }

    @Test
    void theAppsOwnOldLibrariesWorkBesideTheAgent() {
        assertThat(sent.reply("libs").body()).contains("2.9.").contains("sha256");
        assertThat(record("libs").get("eventName").asText()).isEqualTo("GET /libs");
    }
}
