package dev.ctagent.it;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One of the test applications running in its own JVM, optionally with {@code -javaagent:ct-agent.jar}:
 * the only setting in which the agent's packaging, isolation and instrumentation are really proven.
 */
public final class ForkedApp implements AutoCloseable {
    private static final Pattern READY = Pattern.compile("READY port=(\\d+)");
    private final Process process;
    private final List<String> stdout = new CopyOnWriteArrayList<>();
    private final List<String> stderr = new CopyOnWriteArrayList<>();
    private final CompletableFuture<Integer> port = new CompletableFuture<>();

    private ForkedApp(Process process) {
        this.process = process;
        pump(new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8)), stdout, true);
        pump(new BufferedReader(new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8)), stderr, false);
    }

    /** Starts {@code java [jvmArgs] -jar appJar [appArgs]} with {@code java} from {@code javaHome}. */
    public static ForkedApp start(Path javaHome, List<String> jvmArgs, Path appJar, String... appArgs)
            throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(javaHome.resolve("bin").resolve("java").toString());
        cmd.add("-Xmx512m");
        cmd.add("-XX:TieredStopAtLevel=1");
        cmd.addAll(jvmArgs);
        cmd.add("-jar");
        cmd.add(appJar.toString());
        cmd.addAll(List.of(appArgs));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().remove("CT_CONFIG");
        return new ForkedApp(pb.start());
    }

    /** The agent attached with the given {@code -D} settings. */
    public static List<String> agentArgs(Map<String, String> settings) {
        List<String> args = new ArrayList<>();
        args.add("-javaagent:" + Paths.AGENT_JAR);
        settings.forEach((k, v) -> args.add("-D" + k + "=" + v));
        return args;
    }

    /** Waits for the app's {@code READY port=N} line. */
    public int awaitReady() throws Exception {
        try {
            return port.get(90, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("app did not start: " + e + "\nstdout: " + stdout + "\nstderr: " + stderr, e);
        }
    }

    /** SIGTERM, then wait for the JVM (and the agent's shutdown hook) to finish. */
    public int stop() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
            throw new AssertionError("app did not stop within 60 s after SIGTERM; stderr: " + stderr);
        }
        return process.exitValue();
    }

    /** SIGKILL: no shutdown hook runs. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    public List<String> stderr() {
        return stderr;
    }

    public List<String> stdout() {
        return stdout;
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public long pid() {
        return process.pid();
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
    }

    private void pump(BufferedReader reader, List<String> sink, boolean watchReady) {
        Thread t = new Thread(() -> {
            try {
                String line;
                while ((line = reader.readLine()) != null) {
                    sink.add(line);
                    if (watchReady) {
                        Matcher m = READY.matcher(line);
                        if (m.find()) {
                            port.complete(Integer.parseInt(m.group(1)));
                        }
                    }
                }
            } catch (IOException ignored) {
                // process ended
            } finally {
                port.completeExceptionally(new IllegalStateException("process output ended"));
            }
        }, "forked-app-pump");
        t.setDaemon(true);
        t.start();
    }
}
