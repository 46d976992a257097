package dev.ctagent.demo;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** The demo service in its own JVM with the agent attached, exactly as a user would start it. */
final class ServiceProcess {
    private static final String READY = "READY port=";

    private final Process process;
    private final int port;

    private ServiceProcess(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    static ServiceProcess start(Path agentJar, Path serviceJar, Path trail) throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = List.of(java,
                "-javaagent:" + agentJar,
                "-Dct.dir=" + trail,
                "-Dct.delivery.interval=PT5S",
                "-Dct.service.name=orders.demo.local",
                "-jar", serviceJar.toString(), "0");
        System.out.println("$ " + String.join(" ", command));
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();

        CompletableFuture<Integer> ready = new CompletableFuture<>();
        Thread pump = new Thread(() -> pumpOutput(process, ready), "service-stdout");
        pump.setDaemon(true);
        pump.start();
        try {
            return new ServiceProcess(process, ready.get(30, TimeUnit.SECONDS));
        } catch (TimeoutException | java.util.concurrent.ExecutionException e) {
            process.destroyForcibly();
            throw new IllegalStateException("the service did not print READY within 30 s", e);
        }
    }

    /** Echoes the service's stdout and completes {@code ready} with the port from its READY line. */
    private static void pumpOutput(Process process, CompletableFuture<Integer> ready) {
        try (BufferedReader out = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = out.readLine()) != null; ) {
                System.out.println("  [service] " + line);
                if (line.startsWith(READY)) {
                    ready.complete(Integer.parseInt(line.substring(READY.length()).trim()));
                }
            }
        } catch (IOException | RuntimeException e) {
            ready.completeExceptionally(e);
        }
        ready.completeExceptionally(new IllegalStateException("the service stopped before printing READY"));
    }

    int port() {
        return port;
    }

    /** SIGTERM, like a real deployment stopping the service; the agent's shutdown hook flushes the trail. */
    void stop() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            System.err.println("service ignored SIGTERM for 30 s; killing it");
            process.destroyForcibly().waitFor();
        }
        System.out.println("service stopped (exit " + process.exitValue() + ")");
    }
}
