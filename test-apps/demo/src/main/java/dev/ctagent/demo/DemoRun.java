package dev.ctagent.demo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * The two-minute tour: start {@link DemoService} with the agent attached, call it a few times, stop it,
 * print the CloudTrail records it left behind, and prove with {@code ct-agent.jar validate-logs} that the
 * signed digests cover every log file unchanged. Run from the repository root:
 * {@code java -jar test-apps/demo/target/demo-run.jar [agent jar] [service jar]}.
 */
public final class DemoRun {
    static final Path TRAIL = Path.of("ct-trail-demo");

    public static void main(String[] args) throws Exception {
        Path agentJar = Path.of(args.length > 0 ? args[0] : "agent/target/ct-agent.jar");
        Path serviceJar = Path.of(args.length > 1 ? args[1] : "test-apps/demo/target/demo-service.jar");
        requireFile(agentJar, "build the agent first: mvn -B -q -DskipTests package (from the repository root)");
        requireFile(serviceJar, "build the demo first: mvn -B -q -DskipTests package (from the repository root)");

        recreate(TRAIL);
        ServiceProcess service = ServiceProcess.start(agentJar, serviceJar, TRAIL);
        try {
            DemoCalls.send("http://localhost:" + service.port());
        } finally {
            service.stop(); // SIGTERM, then wait: the agent delivers what it still holds on shutdown
        }

        int records = new TrailPrinter(System.out).print(TRAIL);
        if (records == 0) {
            System.err.println("FAILED: no CloudTrail records under " + TRAIL.toAbsolutePath());
            System.exit(1);
        }
        System.out.println(records + " records in " + TRAIL.toAbsolutePath() + "; look at one whole with:");
        System.out.println("  zcat $(find " + TRAIL + " -name '*.json.gz' | head -1) | jq '.Records[-1]'");
        System.out.println();
        System.out.println("$ java -jar " + agentJar + " validate-logs --trail-dir " + TRAIL + " --verbose");
        int rc = validate(agentJar);
        if (rc != 0) {
            System.err.println("FAILED: validate-logs exited with " + rc);
            System.exit(1);
        }
    }

    /** The agent's own validator over the demo trail, output shown as it comes. */
    private static int validate(Path agentJar) throws IOException, InterruptedException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        return new ProcessBuilder(java.toString(), "-jar", agentJar.toString(), "validate-logs", "--trail-dir",
                TRAIL.toString(), "--verbose").inheritIO().start().waitFor();
    }

    private static void requireFile(Path file, String hint) {
        if (!Files.isRegularFile(file)) {
            System.err.println("Not found: " + file.toAbsolutePath() + " -- " + hint);
            System.exit(2);
        }
    }

    private static void recreate(Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (Stream<Path> paths = Files.walk(dir)) {
                for (Path path : (Iterable<Path>) paths.sorted(Comparator.reverseOrder())::iterator) {
                    Files.delete(path);
                }
            }
        }
        Files.createDirectories(dir);
    }

    private DemoRun() {
    }
}
