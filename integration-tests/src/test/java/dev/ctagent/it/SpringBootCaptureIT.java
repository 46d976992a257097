package dev.ctagent.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * A Spring Boot 3 app (jakarta.servlet on Tomcat, launched from its nested-jar executable) with the real
 * agent jar: events are named after the Spring MVC handler method, one record per request.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SpringBootCaptureIT {
    private Path trailDir;
    private ForkedApp app;
    private final Exchanges sent = new Exchanges();
    private List<JsonNode> records;

    @BeforeAll
    void runScenario() throws Exception {
        trailDir = Files.createTempDirectory("ct-it");
        app = ForkedApp.start(Paths.THIS_JAVA, ForkedApp.agentArgs(Map.of(
                "ct.dir", trailDir.toString(),
                "ct.service.name", "owners.example.internal",
                "ct.trail.name", "spring-it")), Paths.SPRING_APP, "--server.port=0");
        Http http = new Http(app.awaitReady());
        sent.put("getOwner", http.get("/owners/7?verbose=true"));
        sent.put("createOwner", http.postJson("/owners", "{\"name\":\"Ann\",\"apiKey\":\"canary-json-secret\"}"));
        sent.put("login", http.postForm("/login", "username=ann&password=canary-login-secret"));
        sent.put("forwarding", http.get("/forwarding"));
        sent.put("async", http.get("/async"));
        sent.put("boom", http.get("/boom"));
        sent.put("missing", http.get("/no-such-page"));
        sent.put("whoami", http.get("/whoami", "Authorization", Jwt.bearer("alice", "https://idp.example.com",
                "canary-jwt-signature"), "Cookie", "SESSION=canary-cookie-secret"));
        sent.put("rawBody", http.postForm("/raw-body", "a=1&b=2"));
        app.stop();
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
    void oneValidRecordPerRequest() {
        assertThat(records).hasSize(sent.size());
        records.forEach(CloudTrailRules::assertValid);
        records.forEach(r -> assertThat(r.get("eventSource").asText()).isEqualTo("owners.example.internal"));
    }

    @Test
    void eventsAreNamedAfterTheHandlerMethod() {
        assertThat(record("getOwner").get("eventName").asText()).isEqualTo("GetOwner");
        assertThat(record("getOwner").get("requestParameters").get("verbose").asText()).isEqualTo("true");
        assertThat(record("createOwner").get("eventName").asText()).isEqualTo("CreateOwner");
        // A forward is one record, named after the handler the client called, not the forward's target.
        assertThat(record("forwarding").get("eventName").asText()).isEqualTo("Forwarding");
        assertThat(record("forwarding").get("responseElements").isNull()).isTrue();
        assertThat(record("async").get("eventName").asText()).isEqualTo("AsyncHello");
    }

    @Test
    void writesAnswerWithTheirStatus() {
        JsonNode create = record("createOwner");
        assertThat(create.get("readOnly").asBoolean()).isFalse();
        assertThat(create.get("responseElements").get("httpStatus").asInt()).isEqualTo(201);
        JsonNode login = record("login");
        assertThat(login.get("requestParameters").get("username").asText()).isEqualTo("ann");
        assertThat(login.get("requestParameters").get("password").asText()).isEqualTo("HIDDEN_DUE_TO_SECURITY_REASONS");
    }

    @Test
    void errorsAreRecorded() {
        assertThat(sent.reply("boom").status()).isEqualTo(500);
        assertThat(record("boom").get("errorCode").asText()).isEqualTo("IllegalStateException");
        assertThat(record("boom").get("errorMessage").asText()).isEqualTo("boom");
        assertThat(sent.reply("missing").status()).isEqualTo(404);
        assertThat(record("missing").get("errorCode").asText()).isEqualTo("NotFound");
    }

    @Test
    void bearerTokensYieldAWebIdentityWithoutTheToken() throws Exception {
        JsonNode id = record("whoami").get("userIdentity");
        assertThat(id.get("type").asText()).isEqualTo("WebIdentityUser");
        assertThat(id.get("userName").asText()).isEqualTo("alice");
        assertThat(id.get("identityProvider").asText()).isEqualTo("https://idp.example.com");
        TrailFiles.assertNowhere(trailDir, "canary");
    }

    @Test
    void theAppReadsItsOwnBodyUndisturbed() {
        assertThat(sent.reply("rawBody").status()).isEqualTo(200);
        assertThat(sent.reply("rawBody").body()).isEqualTo("7");
    }
}
