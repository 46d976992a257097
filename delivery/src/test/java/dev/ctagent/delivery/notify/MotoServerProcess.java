package dev.ctagent.delivery.notify;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * {@code moto_server} (AWS API emulator: SNS, SQS, ...) in its own process on a loopback port, which can be
 * stopped and started again on the same port, as an endpoint that goes away and comes back. moto keeps its
 * state in memory: a restarted server is empty. Output goes to a file, so a chatty server never blocks on a
 * full pipe. The executable is {@code moto_server} from the PATH, or the one named by {@code -Dct.test.motoServer}.
 */
final class MotoServerProcess implements AutoCloseable {
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

    private final int port;
    private final Path log;
    private Process process;

    private MotoServerProcess(int port, Path log) {
        this.port = port;
        this.log = log;
    }

    static MotoServerProcess startOnFreePort() throws IOException, InterruptedException {
        int port;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        MotoServerProcess moto = new MotoServerProcess(port, Files.createTempFile("moto-server", ".log"));
        moto.start();
        return moto;
    }

    URI endpoint() {
        return URI.create("http://127.0.0.1:" + port);
    }

    /** Starts the server on its port and returns once it answers HTTP. */
    void start() throws IOException, InterruptedException {
        process = new ProcessBuilder(List.of(System.getProperty("ct.test.motoServer", "moto_server"),
                "-H", "127.0.0.1", "-p", Integer.toString(port)))
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest ping = HttpRequest.newBuilder(endpoint().resolve("/moto-api/")).timeout(Duration.ofSeconds(5)).build();
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (true) {
            if (!process.isAlive()) {
                throw new IOException("moto_server exited with " + process.exitValue() + ": " + output());
            }
            try {
                if (client.send(ping, HttpResponse.BodyHandlers.discarding()).statusCode() < 500) {
                    return;
                }
            } catch (ConnectException notYet) {
                // still starting
            }
            if (System.nanoTime() > deadline) {
                throw new IOException("moto_server did not answer on port " + port + " within " + START_TIMEOUT
                        + ": " + output());
            }
            Thread.sleep(100);
        }
    }

    /** Stops the server and its children (a launcher shim may sit above the Python process); the port is free after. */
    void stop() throws InterruptedException {
        List<ProcessHandle> children = process.descendants().collect(Collectors.toList());
        children.forEach(ProcessHandle::destroy);
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        for (ProcessHandle child : children) {
            try {
                child.onExit().get(10, TimeUnit.SECONDS);
            } catch (Exception e) {
                child.destroyForcibly();
            }
        }
    }

    /** What the server printed so far, for failure messages. */
    String output() {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(unreadable: " + e + ")";
        }
    }

    @Override
    public void close() throws InterruptedException, IOException {
        if (process != null && process.isAlive()) {
            stop();
        }
        Files.deleteIfExists(log);
    }
}
