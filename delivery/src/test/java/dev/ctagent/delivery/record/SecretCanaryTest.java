package dev.ctagent.delivery.record;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ctagent.runtime.capture.CapturedCall;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Puts distinctive canary values everywhere a secret can reach the serializer and checks that none
 * of them, in any encoding a reader might search for, is in the output.
 */
class SecretCanaryTest {
    private static final String CANARY = "CANARYzq7Xv9";
    private final RecordSerializer serializer = new RecordSerializer(TestConfigs.config());

    private String serialize(CapturedCall call) {
        SerializedRecord r = serializer.serialize(call);
        StrictJson.parse(r);
        return new String(r.bytes, 0, r.length, StandardCharsets.UTF_8);
    }

    private static void assertNoCanary(String output) {
        assertThat(output).doesNotContain(CANARY).doesNotContain(CANARY.toLowerCase())
                .doesNotContain(Base64.getEncoder().encodeToString(CANARY.getBytes(StandardCharsets.UTF_8)))
                .doesNotContain(Base64.getUrlEncoder().withoutPadding()
                        .encodeToString(CANARY.getBytes(StandardCharsets.UTF_8)));
    }

    private static CapturedCall withSecretParameters() {
        CapturedCall call = Calls.jsonBody("{\"profile\":{\"name\":\"n\",\"password\":\"" + CANARY + "-body\","
                + "\"keys\":[{\"privateKey\":\"" + CANARY + "\"}]},\"refresh_token\":{\"value\":\"" + CANARY + "\"},"
                + "\"credentials\":[\"" + CANARY + "\"]}");
        call.served.queryString = "password=" + CANARY + "&access_token=" + CANARY + "&X-Amz-Credential=" + CANARY
                + "&JSESSIONID=x&sessionid=" + CANARY + "&Cookie=" + CANARY + "&api_key=" + CANARY;
        call.served.formParameters = new String[] {"passwd", CANARY, "client_secret", CANARY, "ApiKey", CANARY,
            "authorization", "Bearer " + CANARY};
        return call;
    }

    @Test
    void secretParametersAndBodyFieldsNeverAppear() {
        String out = serialize(withSecretParameters());
        assertNoCanary(out);
        assertThat(out).contains("HIDDEN_DUE_TO_SECURITY_REASONS").contains("\"name\":\"n\"");
    }

    @Test
    void bearerTokenSignatureAndOtherClaimsNeverAppear() {
        String token = UserIdentityTest.base64url("{\"alg\":\"HS256\",\"kid\":\"" + CANARY + "\"}") + "."
                + UserIdentityTest.base64url("{\"iss\":\"https://idp.example.com\",\"sub\":\"u1\",\"secret\":\""
                + CANARY + "\",\"nonce\":\"" + CANARY + "\"}") + "."
                + UserIdentityTest.base64url(CANARY + "-signature");
        CapturedCall call = Calls.get();
        call.served.authorization = "Bearer " + token;
        String out = serialize(call);
        assertNoCanary(out);
        assertThat(out).doesNotContain(token).contains("\"userName\":\"u1\"");
    }

    @Test
    void opaqueBearerTokensNeverAppear() {
        for (String auth : List.of("Bearer " + CANARY, "Bearer " + CANARY + "." + CANARY + "." + CANARY,
                "Token " + CANARY, "Digest username=\"u\", response=\"" + CANARY + "\"")) {
            CapturedCall call = Calls.get();
            call.served.authorization = auth;
            assertNoCanary(serialize(call));
        }
    }

    @Test
    void basicPasswordNeverAppears() {
        CapturedCall call = Calls.get();
        call.served.authorization = "Basic "
                + Base64.getEncoder().encodeToString(("frank:" + CANARY).getBytes(StandardCharsets.UTF_8));
        String out = serialize(call);
        assertNoCanary(out);
        assertThat(out).contains("\"userName\":\"frank\"");

        call.served.authorization = "Basic " + Base64.getEncoder().encodeToString(CANARY.getBytes(StandardCharsets.UTF_8));
        assertNoCanary(serialize(call));
    }

    @Test
    void sigV4SignatureNeverAppears() {
        CapturedCall call = Calls.post("/things");
        call.served.authorization = "AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20260102/eu-west-1/svc/aws4_request, "
                + "SignedHeaders=host;x-amz-date, Signature=" + CANARY;
        String out = serialize(call);
        assertNoCanary(out);
        assertThat(out).contains("AKIAIOSFODNN7EXAMPLE");

        call.served.authorization = "AWS4-HMAC-SHA256 Credential=" + CANARY + "/x, Signature=" + CANARY;
        assertNoCanary(serialize(call));
    }

    @Test
    void canariesStayOutEvenWhenTheParametersAreOversized() {
        CapturedCall call = withSecretParameters();
        call.served.queryString += "&filler=" + "f".repeat(200_000);
        String out = serialize(call);
        assertNoCanary(out);
        assertThat(out).contains("\"requestParameters\":{\"omitted\":true,\"originalSizeBytes\":");
    }
}
