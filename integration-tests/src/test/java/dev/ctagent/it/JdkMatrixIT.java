package dev.ctagent.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Both apps, with the agent, on every JDK this machine has (OpenJDK 17 and Temurin 25 here). */
class JdkMatrixIT {
    static Stream<Arguments> jdksAndApps() {
        return Paths.jdks().stream().flatMap(jdk -> Stream.of(
                Arguments.of(jdk, Paths.JETTY_APP, "/hello", "GET /hello", List.of("0")),
                Arguments.of(jdk, Paths.SPRING_APP, "/owners/3", "GetOwner", List.of("--server.port=0"))));
    }

    @ParameterizedTest(name = "{1} on {0}")
    @MethodSource("jdksAndApps")
    void capturesOn(Path jdk, Path appJar, String path, String eventName, List<String> appArgs) throws Exception {
        Path dir = Files.createTempDirectory("ct-jdk");
        try (ForkedApp app = ForkedApp.start(jdk, ForkedApp.agentArgs(Map.of("ct.dir", dir.toString())), appJar,
                appArgs.toArray(new String[0]))) {
            Http http = new Http(app.awaitReady());
            assertThat(http.get(path).status()).isEqualTo(200);
            app.stop();
            // The agent says only its own lines: no JVM warning (CDS, Unsafe), no instrumentation error.
            assertThat(app.stderr()).allMatch(l -> l.isEmpty() || l.startsWith("[ct-agent] "))
                    .noneMatch(l -> l.contains("could not instrument") || l.contains("failed to start"));
        }
        List<JsonNode> records = TrailFiles.records(dir, "local");
        assertThat(records).hasSize(1);
        assertThat(records.get(0).get("eventName").asText()).isEqualTo(eventName);
        CloudTrailRules.assertValid(records.get(0));
    }
}
