package dev.ctagent.it.awscli;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** A finished command-line run (the AWS CLI, or {@code ct-agent.jar}'s commands): exit status and both streams. */
public record CliRun(List<String> command, int rc, String stdout, String stderr, Duration took) {
    private static final Duration TIMEOUT = Duration.ofSeconds(120);

    /** The run's output read as a {@code validate-logs} report. */
    public ValidationReport report() {
        return ValidationReport.parse(stdout, stderr);
    }

    /**
     * Runs {@code command} in a fresh temporary directory with stdin from /dev/null and output to files
     * (never pipes); {@code env} edits the inherited environment (a null value removes the variable).
     */
    public static CliRun run(List<String> command, Map<String, String> env) throws IOException, InterruptedException {
        Path dir = Files.createTempDirectory("cli-run");
        Path out = dir.resolve("stdout.txt");
        Path err = dir.resolve("stderr.txt");
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectOutput(out.toFile()).redirectError(err.toFile());
        env.forEach((k, v) -> {
            if (v == null) {
                pb.environment().remove(k);
            } else {
                pb.environment().put(k, v);
            }
        });
        long t0 = System.nanoTime();
        Process p = pb.start();
        if (!p.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly().waitFor();
            throw new AssertionError(command + " did not finish within " + TIMEOUT + "\n" + Files.readString(out)
                    + Files.readString(err));
        }
        Duration took = Duration.ofNanos(System.nanoTime() - t0);
        return new CliRun(List.copyOf(command), p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8), took);
    }

    @Override
    public String toString() {
        return String.join(" ", command) + "\nrc=" + rc + " (" + took.toMillis() + " ms)\n--- stdout\n" + stdout
                + "--- stderr\n" + stderr;
    }
}
