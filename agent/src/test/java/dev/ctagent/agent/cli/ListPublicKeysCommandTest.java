package dev.ctagent.agent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ctagent.delivery.digest.TrailPublicKey;
import dev.ctagent.delivery.validation.TrailFixture;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ListPublicKeysCommandTest {
    static final Instant NOW = Instant.parse("2026-11-21T16:00:00Z");
    static final Instant OCT1 = Instant.parse("2026-10-01T00:00:00Z");
    static final Instant NOV1 = Instant.parse("2026-11-01T00:00:00Z");

    @TempDir
    Path ctDir;

    private final ByteArrayOutputStream outBytes = new ByteArrayOutputStream();
    private final ByteArrayOutputStream errBytes = new ByteArrayOutputStream();
    private TrailPublicKey oldKey;
    private TrailPublicKey currentKey;

    @BeforeEach
    void twoKeys() throws Exception {
        TrailFixture trail = new TrailFixture(ctDir, "bucket", "", "cli-trail", "us-east-1");
        trail.publish(TrailFixture.ACCOUNT, TrailFixture.REGION, TrailFixture.keyA(), OCT1, NOV1);
        trail.publish(TrailFixture.ACCOUNT, TrailFixture.REGION, TrailFixture.keyB(), NOV1, null);
        oldKey = TrailFixture.publicKey(TrailFixture.keyA(), OCT1, NOV1);
        currentKey = TrailFixture.publicKey(TrailFixture.keyB(), NOV1, null);
    }

    private int run(String... args) {
        outBytes.reset();
        errBytes.reset();
        try (PrintStream out = new PrintStream(outBytes, true, StandardCharsets.UTF_8);
             PrintStream err = new PrintStream(errBytes, true, StandardCharsets.UTF_8)) {
            return ListPublicKeysCommand.run(args, out, err, Clock.fixed(NOW, ZoneOffset.UTC));
        }
    }

    private List<String> fingerprints() throws Exception {
        List<String> fps = new ArrayList<>();
        for (JsonNode k : new ObjectMapper().readTree(outBytes.toString(StandardCharsets.UTF_8)).get("PublicKeyList")) {
            fps.add(k.get("Fingerprint").asText());
        }
        return fps;
    }

    @Test
    void printsTheListPublicKeysAnswer() throws Exception {
        assertThat(run("--trail-dir", ctDir.toString())).isZero();

        String json = outBytes.toString(StandardCharsets.UTF_8);
        assertThat(json).endsWith("}\n");
        JsonNode root = new ObjectMapper().readTree(json);
        assertThat(root.fieldNames()).toIterable().containsExactly("PublicKeyList");
        JsonNode list = root.get("PublicKeyList");
        assertThat(list).hasSize(2);
        JsonNode first = list.get(0);
        assertThat(first.fieldNames()).toIterable()
                .containsExactly("Value", "ValidityStartTime", "ValidityEndTime", "Fingerprint");
        assertThat(Base64.getDecoder().decode(first.get("Value").asText())).isEqualTo(oldKey.pkcs1Der());
        assertThat(first.get("ValidityStartTime").isIntegralNumber()).isTrue();
        assertThat(first.get("ValidityStartTime").asLong()).isEqualTo(OCT1.getEpochSecond());
        assertThat(first.get("ValidityEndTime").asLong()).isEqualTo(NOV1.getEpochSecond());
        assertThat(first.get("Fingerprint").asText()).isEqualTo(oldKey.fingerprint());
        JsonNode current = list.get(1);
        assertThat(current.get("Fingerprint").asText()).isEqualTo(currentKey.fingerprint());
        assertThat(current.get("ValidityEndTime").asLong()).isEqualTo(NOW.getEpochSecond());
        assertThat(errBytes.toString(StandardCharsets.UTF_8)).isEmpty();
    }

    @Test
    void onlyKeysWhoseValidityOverlapsTheRangeArePrinted() throws Exception {
        assertThat(run("--trail-dir", ctDir.toString(), "--start-time", "2026-11-10T00:00:00Z")).isZero();
        assertThat(fingerprints()).containsExactly(currentKey.fingerprint());

        assertThat(run("--trail-dir", ctDir.toString(), "--end-time", "2026-10-15")).isZero();
        assertThat(fingerprints()).containsExactly(oldKey.fingerprint());

        assertThat(run("--trail-dir", ctDir.toString(), "--start-time", "2026-10-20", "--end-time", "2026-11-01"))
                .isZero();
        assertThat(fingerprints()).containsExactly(oldKey.fingerprint(), currentKey.fingerprint());

        assertThat(run("--trail-dir", ctDir.toString(), "--region", "eu-west-1")).isZero();
        assertThat(outBytes.toString(StandardCharsets.UTF_8)).isEqualTo("{\"PublicKeyList\":[]}\n");
    }

    @Test
    void aCurrentKeyEndsAtTheLaterOfTheEndTimeAndNow() throws Exception {
        assertThat(run("--trail-dir", ctDir.toString(), "--end-time", "2027-01-01T00:00:00Z")).isZero();
        JsonNode list = new ObjectMapper().readTree(outBytes.toString(StandardCharsets.UTF_8)).get("PublicKeyList");
        assertThat(list.get(1).get("ValidityEndTime").asLong())
                .isEqualTo(Instant.parse("2027-01-01T00:00:00Z").getEpochSecond());
    }

    @Test
    void badArgumentsExitWithTwo() {
        assertThat(run("--trail-dir", ctDir.toString(), "--verbose")).isEqualTo(2);
        assertThat(errBytes.toString(StandardCharsets.UTF_8))
                .isEqualTo("ct-agent list-public-keys: unknown option '--verbose'\n" + ListPublicKeysCommand.usage());
        assertThat(run()).isEqualTo(2);
        assertThat(errBytes.toString(StandardCharsets.UTF_8))
                .startsWith("ct-agent list-public-keys: missing required option --trail-dir\n");
        assertThat(run("--trail-dir", ctDir.toString(), "--start-time", "2026-12-01", "--end-time", "2026-11-01"))
                .isEqualTo(2);
    }
}
