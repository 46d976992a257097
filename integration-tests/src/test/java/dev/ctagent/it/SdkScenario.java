package dev.ctagent.it;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ctagent.delivery.aws.MotoServerProcess;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * One run of an AWS SDK test app (test-apps/aws-sdk-*) against moto with the agent attached: what the app
 * printed, the AssumeRole secrets it was handed, and the trail the agent wrote.
 */
final class SdkScenario {
    static final String ACCESS_KEY_ID = "AKIAIOSFODNN7EXAMPLE";
    static final String SECRET_ACCESS_KEY = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
    static final String REGION = "us-east-1";
    /** moto's account, which STS GetCallerIdentity tells the app. */
    static final String ACCOUNT = "123456789012";
    /** The agent's configured account: a different one, so what the agent learns from STS shows. */
    static final String CONFIGURED_ACCOUNT = "111122223333";

    /** One {@code CALL <Service> <Operation> <ok|ErrorCode>} line of the app. */
    record Call(String service, String operation, String outcome) {
        static Call parse(String line) {
            String[] f = line.split(" ");
            return new Call(f[1], f[2], f[3]);
        }

        String eventSource() {
            return service.toLowerCase(Locale.ROOT) + ".amazonaws.com";
        }

        /** What the call's record is found by: {@code <eventSource> <eventName> <errorCode|ok>}. */
        String key() {
            return eventSource() + " " + operation + " " + outcome;
        }
    }

    final Path appJar;
    final String canary = "canary-" + UUID.randomUUID();
    final Path trailDir;
    final int exitCode;
    final List<String> stdout;
    final List<String> stderr;
    /** AssumeRole's secret access key and session token, as the app received them. */
    final Map<String, String> assumed;
    final List<JsonNode> records;

    private SdkScenario(Path appJar, MotoServerProcess moto, Path work, Map<String, String> extraSettings)
            throws Exception {
        this.appJar = appJar;
        trailDir = Files.createDirectories(work.resolve("trail"));
        Path assumedFile = work.resolve("assumed-credentials.txt"); // outside ct.dir, like the app's stdout
        Map<String, String> settings = new HashMap<>(Map.of(
                "ct.dir", trailDir.toString(),
                "ct.delivery.interval", "PT2S",
                "ct.account.id", CONFIGURED_ACCOUNT,
                "ct.digest.enabled", "false"));
        settings.putAll(extraSettings);
        try (ForkedApp app = ForkedApp.start(Paths.THIS_JAVA, ForkedApp.agentArgs(settings),
                SdkScenario::credentialsOnly, appJar, moto.endpoint().toString(), canary, assumedFile.toString())) {
            exitCode = app.waitFor(Duration.ofSeconds(60));
            stdout = app.stdout();
            stderr = app.stderr();
        }
        assumed = Files.exists(assumedFile) ? parse(assumedFile) : Map.of();
        records = TrailFiles.records(trailDir, "local");
    }

    /** Runs the app to its end, its trail in {@code work}; moto should be fresh (the scenario creates fixed names). */
    static SdkScenario run(Path appJar, MotoServerProcess moto, Path work) throws Exception {
        return new SdkScenario(appJar, moto, work, Map.of());
    }

    /** The same with more agent settings. */
    static SdkScenario run(Path appJar, MotoServerProcess moto, Path work, Map<String, String> settings) throws Exception {
        return new SdkScenario(appJar, moto, work, settings);
    }

    /** The test's credentials and region, and none of the developer's own AWS settings. */
    private static void credentialsOnly(Map<String, String> env) {
        env.keySet().removeIf(name -> name.startsWith("AWS_"));
        env.put("AWS_ACCESS_KEY_ID", ACCESS_KEY_ID);
        env.put("AWS_SECRET_ACCESS_KEY", SECRET_ACCESS_KEY);
        env.put("AWS_REGION", REGION);
    }

    private static Map<String, String> parse(Path file) throws IOException {
        Map<String, String> out = new HashMap<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            String[] f = line.split(" ", 2);
            out.put(f[0], f[1]);
        }
        return out;
    }

    List<Call> calls() {
        return stdout.stream().filter(l -> l.startsWith("CALL ")).map(Call::parse).collect(Collectors.toList());
    }

    /** {@code <eventSource> <eventName> <errorCode|ok>}, as {@link Call#key()}. */
    static String key(JsonNode record) {
        String outcome = record.hasNonNull("errorCode") ? record.get("errorCode").asText() : "ok";
        return record.path("eventSource").asText() + " " + record.path("eventName").asText() + " " + outcome;
    }

    List<JsonNode> records(String key) {
        return records.stream().filter(r -> key(r).equals(key)).collect(Collectors.toList());
    }

    /** For failure messages. */
    @Override
    public String toString() {
        return appJar.getFileName() + " (exit " + exitCode + ")\nstdout: " + String.join("\n", stdout)
                + "\nstderr: " + String.join("\n", stderr);
    }
}
