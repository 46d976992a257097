package dev.ctagent.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A bad value is named on stderr; the app serves anyway, unless the user asked to fail closed. */
class ConfigErrorIT {
    @TempDir
    Path trailDir;

    @Test
    void aBadValueIsNamedAndTheAppStillServes() throws Exception {
        Map<String, String> settings = Map.of("ct.dir", trailDir.toString(), "ct.buffer.capacity", "lots");
        try (ForkedApp app = ForkedApp.start(Paths.THIS_JAVA, ForkedApp.agentArgs(settings), Paths.JETTY_APP, "0")) {
            Http http = new Http(app.awaitReady());
            assertThat(http.get("/hello").status()).isEqualTo(200);
            app.stop();
            assertThat(app.stderr()).anySatisfy(line ->
                    assertThat(line).contains("ct.buffer.capacity").contains("'lots'").contains("capture is off"));
        }
        assertThat(Files.exists(trailDir.resolve("local"))).as("capture stayed off").isFalse();
    }

    @Test
    void aConfigFileNamedByTheAgentArgumentIsReadAndItsErrorsNamed() throws Exception {
        Path props = trailDir.resolve("ct.properties");
        Files.writeString(props, "ct.dir=" + trailDir.resolve("t") + "\nct.delivery.interval=soon\n");
        List<String> jvm = List.of("-javaagent:" + Paths.AGENT_JAR + "=" + props);
        try (ForkedApp app = ForkedApp.start(Paths.THIS_JAVA, jvm, Paths.JETTY_APP, "0")) {
            assertThat(new Http(app.awaitReady()).get("/hello").status()).isEqualTo(200);
            app.stop();
            assertThat(app.stderr()).anySatisfy(line ->
                    assertThat(line).contains("ct.delivery.interval").contains("'soon'"));
        }
    }

    @Test
    void failClosedStopsTheJvmWithANonZeroExit() throws Exception {
        ProcessBuilder pb = new ProcessBuilder(List.of(Paths.THIS_JAVA.resolve("bin/java").toString(),
                "-javaagent:" + Paths.AGENT_JAR, "-Dct.dir=" + trailDir, "-Dct.gzip.level=11",
                "-Dct.failClosed=true", "-jar", Paths.JETTY_APP.toString(), "0"));
        Path output = trailDir.resolve("output.txt");
        pb.redirectErrorStream(true).redirectOutput(output.toFile());
        Process p = pb.start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String out = Files.readString(output);
        assertThat(p.exitValue()).isNotZero();
        assertThat(out).contains("ct.gzip.level").doesNotContain("READY");
    }
}
