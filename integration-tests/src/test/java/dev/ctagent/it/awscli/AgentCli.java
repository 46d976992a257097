package dev.ctagent.it.awscli;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The agent jar's own commands, run as a user would: {@code java -jar ct-agent.jar validate-logs ...} and
 * {@code java -jar ct-agent.jar list-public-keys ...}.
 */
public final class AgentCli {
    private final Path java;
    private final Path agentJar;

    public AgentCli(Path javaHome, Path agentJar) {
        this.java = javaHome.resolve("bin").resolve("java");
        this.agentJar = agentJar;
    }

    /** {@code validate-logs --trail-dir DIR --trail-name N --verbose}; DIR is the bucket folder. */
    public CliRun validateLogs(Path trailDir, String trailName) throws IOException, InterruptedException {
        return validateLogs(trailDir, trailName, List.of());
    }

    /** The same with more arguments, e.g. {@code --public-keys FILE} or {@code --start-time T}. */
    public CliRun validateLogs(Path trailDir, String trailName, List<String> more)
            throws IOException, InterruptedException {
        List<String> args = new ArrayList<>(List.of("validate-logs", "--trail-dir", trailDir.toString(),
                "--trail-name", trailName));
        args.addAll(more);
        args.add("--verbose");
        return run(args);
    }

    /** {@code list-public-keys --trail-dir DIR [--start-time S --end-time E]}: a ListPublicKeys answer. */
    public CliRun listPublicKeys(Path trailDir, Instant start, Instant end) throws IOException, InterruptedException {
        List<String> args = new ArrayList<>(List.of("list-public-keys", "--trail-dir", trailDir.toString()));
        if (start != null) {
            args.addAll(List.of("--start-time", AwsCli.iso(start)));
        }
        if (end != null) {
            args.addAll(List.of("--end-time", AwsCli.iso(end)));
        }
        return run(args);
    }

    public CliRun run(List<String> args) throws IOException, InterruptedException {
        return run(args, Map.of());
    }

    /** With environment variables set for the command (e.g. the credentials of an S3 store). */
    public CliRun run(List<String> args, Map<String, String> env) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(java.toString(), "-XX:TieredStopAtLevel=1", "-Xshare:auto",
                "-jar", agentJar.toString()));
        cmd.addAll(args);
        return CliRun.run(cmd, env);
    }
}
