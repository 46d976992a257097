package dev.ctagent.delivery.record;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ctagent.runtime.capture.CapturedCall;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class UserIdentityTest {
    private final RecordSerializer serializer = new RecordSerializer(TestConfigs.config());

    private String identity(String authorization, String principal) {
        CapturedCall call = Calls.get();
        call.served.authorization = authorization;
        call.served.principalName = principal;
        JsonNode n = StrictJson.parse(serializer.serialize(call));
        return n.get("userIdentity").toString();
    }

    static String base64url(String s) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    static String jwt(String payloadJson) {
        return base64url("{\"alg\":\"RS256\",\"typ\":\"JWT\",\"kid\":\"k1\"}") + "." + base64url(payloadJson)
                + "." + base64url("not-a-real-signature-but-bytes");
    }

    static String sigV4(String accessKeyId) {
        return "AWS4-HMAC-SHA256 Credential=" + accessKeyId + "/20260102/eu-west-1/execute-api/aws4_request, "
                + "SignedHeaders=host;x-amz-date, Signature=5d672d79c15b13162d9279b0855cfba6789a8edb4c82c400e06b5924a6f2b5d7";
    }

    @Test
    void sigV4LongTermKeyIsAnIamUser() {
        assertThat(identity(sigV4("AKIAIOSFODNN7EXAMPLE"), "alice"))
                .isEqualTo("{\"type\":\"IAMUser\",\"accessKeyId\":\"AKIAIOSFODNN7EXAMPLE\"}");
    }

    @Test
    void sigV4TemporaryKeyIsAnAssumedRole() {
        assertThat(identity(sigV4("ASIAIOSFODNN7EXAMPLE"), null))
                .isEqualTo("{\"type\":\"AssumedRole\",\"accessKeyId\":\"ASIAIOSFODNN7EXAMPLE\"}");
    }

    @Test
    void sigV4OtherKeyPrefixIsUnknownWithTheKey() {
        assertThat(identity(sigV4("AROAIOSFODNN7EXAMPLE"), null))
                .isEqualTo("{\"type\":\"Unknown\",\"accessKeyId\":\"AROAIOSFODNN7EXAMPLE\"}");
    }

    @Test
    void malformedSigV4KeyIsNeverWritten() {
        assertThat(identity(sigV4("akia-lower\"case-0123"), null)).isEqualTo("{\"type\":\"Unknown\"}");
        assertThat(identity(sigV4("AKIASHORT"), null)).isEqualTo("{\"type\":\"Unknown\"}");
        assertThat(identity(sigV4("AKIAIOSFODNN7EXAMPLE\"x"), "bob"))
                .isEqualTo("{\"type\":\"Unknown\",\"principalId\":\"bob\",\"userName\":\"bob\"}");
    }

    @Test
    void bearerJwtIsAWebIdentityUserWithIssuerAudienceAndSubject() {
        String token = jwt("{\"iss\":\"https://accounts.google.com\",\"aud\":\"app-123\",\"sub\":\"1029384756\","
                + "\"exp\":1767323045,\"email\":\"a@example.com\",\"roles\":[\"admin\"]}");
        assertThat(identity("Bearer " + token, "ignored-principal")).isEqualTo("{\"type\":\"WebIdentityUser\","
                + "\"principalId\":\"https://accounts.google.com:app-123:1029384756\",\"userName\":\"1029384756\","
                + "\"identityProvider\":\"https://accounts.google.com\"}");
    }

    @Test
    void jwtWithAudienceListLeavesAudienceOut() {
        String token = jwt("{\"sub\":\"u-1\",\"aud\":[\"a\",\"b\"],\"iss\":\"https://idp.example.com\"}");
        assertThat(identity("bearer " + token, null)).isEqualTo("{\"type\":\"WebIdentityUser\","
                + "\"principalId\":\"https://idp.example.com:u-1\",\"userName\":\"u-1\","
                + "\"identityProvider\":\"https://idp.example.com\"}");
    }

    @Test
    void jwtPaddedAndUnsignedStillDecodes() {
        String payload = Base64.getUrlEncoder().encodeToString(
                "{\"iss\":\"i\",\"sub\":\"s1\"}".getBytes(StandardCharsets.UTF_8));
        assertThat(payload).endsWith("=");
        String unsigned = base64url("{\"alg\":\"none\"}") + "." + payload + ".";
        assertThat(identity("Bearer " + unsigned, null)).contains("\"principalId\":\"i:s1\"");
    }

    @Test
    void bearerTokenThatIsNoJwtGivesUnknownWithNothingFromTheToken() {
        assertThat(identity("Bearer opaque-token-value", null)).isEqualTo("{\"type\":\"Unknown\"}");
        assertThat(identity("Bearer a.b", null)).isEqualTo("{\"type\":\"Unknown\"}");
        assertThat(identity("Bearer " + base64url("{}") + "." + base64url("[1,2]") + ".c2ln", null))
                .isEqualTo("{\"type\":\"Unknown\"}");
        assertThat(identity("Bearer " + base64url("{}") + ".!!!." + "c2ln", null)).isEqualTo("{\"type\":\"Unknown\"}");
        assertThat(identity("Bearer " + jwt("{\"iss\":\"only-issuer\"}"), null)).isEqualTo("{\"type\":\"Unknown\"}");
    }

    @Test
    void opaqueBearerTokenFallsBackToTheContainerPrincipal() {
        assertThat(identity("Bearer opaque", "carol"))
                .isEqualTo("{\"type\":\"Unknown\",\"principalId\":\"carol\",\"userName\":\"carol\"}");
    }

    @Test
    void containerPrincipalOutranksBasicCredentials() {
        String basic = "Basic " + Base64.getEncoder().encodeToString("dave:pw".getBytes(StandardCharsets.UTF_8));
        assertThat(identity(basic, "CN=Dave, O=Example"))
                .isEqualTo("{\"type\":\"Unknown\",\"principalId\":\"CN=Dave, O=Example\",\"userName\":\"CN=Dave, O=Example\"}");
    }

    @Test
    void basicCredentialsGiveTheUserName() {
        String basic = "Basic " + Base64.getEncoder().encodeToString("erin:se:cret".getBytes(StandardCharsets.UTF_8));
        assertThat(identity(basic, null))
                .isEqualTo("{\"type\":\"Unknown\",\"principalId\":\"erin\",\"userName\":\"erin\"}");
    }

    @Test
    void undecodableBasicCredentialsGiveUnknown() {
        assertThat(identity("Basic ***", null)).isEqualTo("{\"type\":\"Unknown\"}");
        String noColon = "Basic " + Base64.getEncoder().encodeToString("justapassword".getBytes(StandardCharsets.UTF_8));
        assertThat(identity(noColon, null)).isEqualTo("{\"type\":\"Unknown\"}");
    }

    @Test
    void otherSchemesGiveUnknown() {
        assertThat(identity("Negotiate YIIB", null)).isEqualTo("{\"type\":\"Unknown\"}");
    }

    @Test
    void noCredentialsAtAllIsAnonymous() {
        assertThat(identity(null, null))
                .isEqualTo("{\"type\":\"AWSAccount\",\"principalId\":\"\",\"accountId\":\"anonymous\"}");
        assertThat(identity("  ", "")).isEqualTo("{\"type\":\"AWSAccount\",\"principalId\":\"\",\"accountId\":\"anonymous\"}");
    }

    @Test
    void identityStringsAreCappedAndCleaned() {
        String longSub = "s".repeat(3000);
        String token = jwt("{\"iss\":\"i\",\"sub\":\"" + longSub + "\"}");
        JsonNode id = StrictJson.parse(serialize("Bearer " + token, null)).get("userIdentity");
        assertThat(id.get("userName").textValue()).hasSize(1024);
        assertThat(id.get("principalId").textValue()).hasSize(1024);

        JsonNode named = StrictJson.parse(serialize(null, "bad\uD800name\u0000")).get("userIdentity");
        assertThat(named.get("userName").textValue()).isEqualTo("bad\uFFFDname\u0000");
    }

    private SerializedRecord serialize(String authorization, String principal) {
        CapturedCall call = Calls.get();
        call.served.authorization = authorization;
        call.served.principalName = principal;
        return serializer.serialize(call);
    }
}
