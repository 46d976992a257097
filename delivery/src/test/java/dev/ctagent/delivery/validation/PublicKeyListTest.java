package dev.ctagent.delivery.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ctagent.delivery.digest.TrailPublicKey;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

class PublicKeyListTest {
    private final TrailPublicKey a = TrailFixture.publicKey(TrailFixture.keyA(), Instant.parse("2026-11-01T00:00:00Z"),
            Instant.parse("2026-12-01T00:00:00.5Z"));
    private final TrailPublicKey b = TrailFixture.publicKey(TrailFixture.keyB(), Instant.parse("2026-12-01T00:00:00Z"),
            null);

    @Test
    void writesTheListPublicKeysWireShape() throws Exception {
        String json = PublicKeyList.toJson(List.of(a, b), Instant.parse("2027-01-01T00:00:00Z"));

        JsonNode list = new ObjectMapper().readTree(json).get("PublicKeyList");
        assertThat(list).hasSize(2);
        JsonNode first = list.get(0);
        assertThat(first.fieldNames()).toIterable()
                .containsExactly("Value", "ValidityStartTime", "ValidityEndTime", "Fingerprint");
        assertThat(Base64.getDecoder().decode(first.get("Value").asText())).isEqualTo(a.pkcs1Der());
        assertThat(first.get("ValidityStartTime").isIntegralNumber()).isTrue();
        assertThat(first.get("ValidityStartTime").asLong()).isEqualTo(1_793_491_200L);
        assertThat(first.get("ValidityEndTime").decimalValue()).isEqualByComparingTo("1796083200.5");
        assertThat(first.get("Fingerprint").asText()).isEqualTo(a.fingerprint());
        assertThat(list.get(1).get("ValidityEndTime").asLong())
                .isEqualTo(Instant.parse("2027-01-01T00:00:00Z").getEpochSecond());
        assertThat(json).startsWith("{\"PublicKeyList\":[{\"Value\":\"MIIBCgKCAQEA");
    }

    @Test
    void readsWhatItWritesAndWhatTheAwsCliPrints() throws Exception {
        List<TrailPublicKey> keys = PublicKeyList.parse(PublicKeyList.toJson(List.of(a, b),
                Instant.parse("2027-01-01T00:00:00Z")).getBytes(StandardCharsets.UTF_8));
        assertThat(keys).extracting(TrailPublicKey::fingerprint).containsExactly(a.fingerprint(), b.fingerprint());
        assertThat(keys.get(0).validityEnd()).isEqualTo(a.validityEnd());

        String cliOutput = "{\n  \"PublicKeyList\": [\n    {\n      \"Value\": \""
                + Base64.getEncoder().encodeToString(a.pkcs1Der()) + "\",\n"
                + "      \"ValidityStartTime\": \"2026-11-01T00:00:00+00:00\",\n"
                + "      \"ValidityEndTime\": \"2026-12-01T01:00:00+01:00\",\n"
                + "      \"Fingerprint\": \"" + a.fingerprint() + "\"\n    }\n  ]\n}\n";
        TrailPublicKey read = PublicKeyList.parse(cliOutput.getBytes(StandardCharsets.UTF_8)).get(0);
        assertThat(read.validityStart()).isEqualTo(a.validityStart());
        assertThat(read.validityEnd()).isEqualTo(Instant.parse("2026-12-01T00:00:00Z"));
    }

    @Test
    void aFingerprintThatIsNotTheKeysIsRejected() {
        String json = "{\"PublicKeyList\":[{\"Value\":\"" + Base64.getEncoder().encodeToString(a.pkcs1Der())
                + "\",\"ValidityStartTime\":1,\"ValidityEndTime\":2,\"Fingerprint\":\"" + b.fingerprint() + "\"}]}";

        assertThatThrownBy(() -> PublicKeyList.parse(json.getBytes(StandardCharsets.UTF_8)))
                .hasMessage("PublicKeyList[0].Fingerprint " + b.fingerprint() + " is not the MD5 of its Value ("
                        + a.fingerprint() + ")");
        assertThatThrownBy(() -> PublicKeyList.parse("{}".getBytes(StandardCharsets.UTF_8)))
                .hasMessage("no PublicKeyList in it");
        assertThatThrownBy(() -> PublicKeyList.parse("nope".getBytes(StandardCharsets.UTF_8)))
                .hasMessageStartingWith("not valid JSON");
    }
}
