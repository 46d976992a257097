package dev.ctagent.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * {@code ct.capture.body.maxBytes} with the real agent jar: the JSON body the application read becomes
 * the record's request parameters (secrets redacted by name), a body longer than the maximum is only
 * marked as omitted, the application reads its body undisturbed, and with the default (0) no body is
 * captured at all.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BodyCaptureIT {
    private static final String HIDDEN = "HIDDEN_DUE_TO_SECURITY_REASONS";
    private static final String OWNER = "{\"name\":\"Ann\",\"city\":\"Oslo\",\"apiKey\":\"canary-json-secret\","
            + "\"nested\":{\"password\":\"canary-nested\"}}";
    private static final String BIG_OWNER = "{\"name\":\"Big\",\"apiKey\":\"canary-truncated-secret\",\"data\":\""
            + "x".repeat(5000) + "\"}";

    private final List<ForkedApp> apps = new ArrayList<>();
    private final Map<String, Path> trailDirs = new HashMap<>();
    private final Map<String, Http.Reply> sent = new HashMap<>();
    private final Map<String, List<String>> stderr = new HashMap<>();
    private final Map<String, Map<String, JsonNode>> recordsByRequestId = new HashMap<>();

    @BeforeAll
    void runScenarios() throws Exception {
        run("spring", Paths.SPRING_APP, Map.of("ct.capture.body.maxBytes", "4096"), http -> {
            sent.put("owner", http.postJson("/owners", OWNER));
            sent.put("bigOwner", http.postJson("/owners", BIG_OWNER));
            sent.put("login", http.postForm("/login", "username=ann&password=canary-login-secret"));
            sent.put("getOwner", http.get("/owners/7?verbose=true"));
        }, "--server.port=0");
        run("springDefault", Paths.SPRING_APP, Map.of(), http -> {
            sent.put("ownerDefault", http.postJson("/owners", OWNER));
        }, "--server.port=0");
        run("jetty", Paths.JETTY_APP, Map.of("ct.capture.body.maxBytes", "4096"), http -> {
            sent.put("itemPost", http.postForm("/items", "item=book&password=canary-form-secret&qty=2"));
            sent.put("itemJson", http.postJson("/items", "{\"item\":\"canary-unread-json\"}"));
        }, "0");
    }

    interface Scenario {
        void send(Http http) throws Exception;
    }

    private void run(String name, Path appJar, Map<String, String> extra, Scenario scenario, String... appArgs)
            throws Exception {
        Path dir = Files.createTempDirectory("ct-it-body");
        trailDirs.put(name, dir);
        Map<String, String> settings = new HashMap<>(extra);
        settings.put("ct.dir", dir.toString());
        ForkedApp app = ForkedApp.start(Paths.THIS_JAVA, ForkedApp.agentArgs(settings), appJar, appArgs);
        apps.add(app);
        scenario.send(new Http(app.awaitReady()));
        app.stop();
        stderr.put(name, app.stderr());
        List<JsonNode> records = TrailFiles.records(dir, "local");
        records.forEach(CloudTrailRules::assertValid);
        recordsByRequestId.put(name, records.stream().collect(Collectors.toMap(r -> r.path("requestID").asText(),
                r -> r, (a, b) -> { throw new AssertionError("two records share requestID " + a.path("requestID")); })));
    }

    @AfterAll
    void cleanUp() throws Exception {
        for (ForkedApp app : apps) {
            app.close();
        }
    }

    private JsonNode record(String run, String request) {
        JsonNode r = recordsByRequestId.get(run).get(sent.get(request).requestId());
        assertThat(r).as("record for " + request).isNotNull();
        return r;
    }

    @Test
    void aJsonBodyBecomesRequestParametersWithItsSecretsHidden() {
        assertThat(sent.get("owner").status()).isEqualTo(201);
        JsonNode r = record("spring", "owner");
        assertThat(r.get("eventName").asText()).isEqualTo("CreateOwner");
        JsonNode p = r.get("requestParameters");
        assertThat(p.get("name").asText()).isEqualTo("Ann");
        assertThat(p.get("city").asText()).isEqualTo("Oslo");
        assertThat(p.get("apiKey").asText()).isEqualTo(HIDDEN);
        assertThat(p.get("nested").get("password").asText()).isEqualTo(HIDDEN);
        assertThat(p.has("body")).isFalse();
    }

    @Test
    void theAppReadsItsBodyUndisturbed() {
        assertThat(sent.get("owner").body()).as("the app echoes what it read").isEqualTo(OWNER);
        assertThat(sent.get("bigOwner").status()).isEqualTo(201);
        assertThat(sent.get("bigOwner").body()).isEqualTo(BIG_OWNER);
        assertThat(sent.get("ownerDefault").body()).isEqualTo(OWNER);
    }

    @Test
    void aBodyLongerThanTheMaximumIsOnlyMarkedOmitted() {
        JsonNode p = record("spring", "bigOwner").get("requestParameters");
        assertThat(p.get("body").get("omitted").asBoolean()).isTrue();
        assertThat(p.get("body").get("reason").asText()).isEqualTo("truncated");
        assertThat(p.has("name")).as("nothing of a cut body is written").isFalse();
        assertThat(p.has("data")).isFalse();
    }

    @Test
    void formsAndGetsAreUnchanged() {
        JsonNode login = record("spring", "login").get("requestParameters");
        assertThat(login.get("username").asText()).isEqualTo("ann");
        assertThat(login.get("password").asText()).isEqualTo(HIDDEN);
        assertThat(login.has("body")).isFalse();
        JsonNode get = record("spring", "getOwner").get("requestParameters");
        assertThat(get.get("verbose").asText()).isEqualTo("true");
        assertThat(get.has("body")).isFalse();
    }

    @Test
    void byDefaultNoBodyIsCaptured() {
        assertThat(sent.get("ownerDefault").status()).isEqualTo(201);
        JsonNode p = record("springDefault", "ownerDefault").get("requestParameters");
        if (!p.isNull()) {
            assertThat(p.has("name")).isFalse();
            assertThat(p.has("city")).isFalse();
            assertThat(p.has("apiKey")).isFalse();
            assertThat(p.has("body")).isFalse();
        }
    }

    @Test
    void theJavaxJettyAppWorksWithBodyCaptureOn() {
        assertThat(sent.get("itemPost").status()).isEqualTo(200);
        assertThat(sent.get("itemPost").body()).isEqualTo("created item with 3 fields");
        JsonNode p = record("jetty", "itemPost").get("requestParameters");
        assertThat(p.get("item").asText()).isEqualTo("book");
        assertThat(p.get("password").asText()).isEqualTo(HIDDEN);
        assertThat(p.has("body")).isFalse();
        // A JSON body the app never reads is never captured: the agent reads nothing itself.
        assertThat(sent.get("itemJson").status()).isEqualTo(200);
        JsonNode unread = record("jetty", "itemJson").get("requestParameters");
        assertThat(unread.isNull() || !unread.has("item")).isTrue();
    }

    @Test
    void theAgentReportsNoCaptureOrInstrumentationFailure() {
        stderr.forEach((run, lines) -> assertThat(lines).as(run + " stderr")
                .noneMatch(l -> l.contains("capture of one request failed"))
                .noneMatch(l -> l.contains("could not instrument") && l.contains("InputStream")));
    }

    @Test
    void noSecretReachesAnyFileUnderTheTrailDirectory() throws IOException {
        for (Path dir : trailDirs.values()) {
            TrailFiles.assertNowhere(dir, "canary");
        }
    }
}
