package dev.ctagent.it;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One of the test applications running in its own JVM, optionally with {@code -javaagent:ct-agent.jar}:
 * the only setting in which the agent's packaging, isolation and instrumentation are really proven.
 *
 * <p>The app's output goes to files, not pipes: when a child exits, the JDK drains its pipes in the
 * reaper thread and a concurrent reader can lose the last lines (exactly the ones a shutdown hook prints).
 */
public final class ForkedApp implements AutoCloseable {
    private static final Pattern READY = Pattern.compile("READY port=(\\d+)");
    private final Process process;
    private final Path out;
    private final Path err;
    private int port = -1;

    private ForkedApp(Process process, Path out, Path err) {
        this.process = process;
        this.out = out;
        this.err = err;
    }

    /** Starts {@code java [jvmArgs] -jar appJar [appArgs]} with {@code java} from {@code javaHome}. */
    public static ForkedApp start(Path javaHome, List<String> jvmArgs, Path appJar, String... appArgs)
            throws IOException {
        return start(javaHome, jvmArgs, env -> { }, appJar, appArgs);
    }

    /** As {@link #start(Path, List, Path, String...)}, with the app's environment edited first (e.g. credentials). */
    public static ForkedApp start(Path javaHome, List<String> jvmArgs, Consumer<Map<String, String>> environment,
            Path appJar, String... appArgs) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(javaHome.resolve("bin").resolve("java").toString());
        cmd.add("-Xmx512m");
        cmd.add("-XX:TieredStopAtLevel=1");
        cmd.addAll(jvmArgs);
        cmd.add("-jar");
        cmd.add(appJar.toString());
        cmd.addAll(List.of(appArgs));
        Path logs = Files.createTempDirectory("ct-app-output");
        Path out = logs.resolve("stdout.txt");
        Path err = logs.resolve("stderr.txt");
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile());
        pb.environment().remove("CT_CONFIG");
        environment.accept(pb.environment());
        return new ForkedApp(pb.start(), out, err);
    }

    /** The agent attached with the given {@code -D} settings. */
    public static List<String> agentArgs(Map<String, String> settings) {
        List<String> args = new ArrayList<>();
        args.add("-javaagent:" + Paths.AGENT_JAR);
        settings.forEach((k, v) -> args.add("-D" + k + "=" + v));
        return args;
    }

    /** Waits (up to 90 s) for the app's {@code READY port=N} line. */
    public int awaitReady() throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (port < 0) {
            for (String line : stdout()) {
                Matcher m = READY.matcher(line);
                if (m.find()) {
                    port = Integer.parseInt(m.group(1));
                    return port;
                }
            }
            if (!process.isAlive() || System.nanoTime() > deadline) {
                throw new AssertionError("app did not start (alive=" + process.isAlive() + ")\nstdout: "
                        + stdout() + "\nstderr: " + stderr());
            }
            Thread.sleep(50);
        }
        return port;
    }

    /** Waits for an app that ends by itself; returns its exit code. */
    public int waitFor(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            throw new AssertionError("app did not exit within " + timeout + "\nstdout: " + stdout()
                    + "\nstderr: " + stderr());
        }
        return process.exitValue();
    }

    /** SIGTERM, then wait for the JVM (and the agent's shutdown hook) to finish. */
    public int stop() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
            throw new AssertionError("app did not stop within 60 s after SIGTERM; stderr: " + stderr());
        }
        return process.exitValue();
    }

    /** SIGKILL: no shutdown hook runs. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    public List<String> stderr() {
        return lines(err);
    }

    public List<String> stdout() {
        return lines(out);
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
    }

    private static List<String> lines(Path file) {
        try {
            return List.of(new String(Files.readAllBytes(file), StandardCharsets.UTF_8).split("\n"));
        } catch (IOException e) {
            return List.of();
        }
    }
}
