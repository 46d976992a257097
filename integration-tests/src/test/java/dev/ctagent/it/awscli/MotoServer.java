package dev.ctagent.it.awscli;

import java.io.IOException;
import java.net.ConnectException;
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

/**
 * A moto server (an emulator of the AWS APIs, S3 among them) in its own process on a free loopback port,
 * for tests that need a real S3 endpoint: {@code moto_server -H 127.0.0.1 -p <port>}. Its output goes to a
 * file, not a pipe, so a chatty server never blocks on a full pipe. {@link #close()} stops it and its children.
 *
 * <p>The executable is {@code moto_server} from the PATH, or the one named by the system property
 * {@code ct.it.motoServer}. moto does not check request signatures: any credentials do.
 */
public final class MotoServer implements AutoCloseable {
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    private final Process process;
    private final int port;
    private final Path log;

    private MotoServer(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /** Starts a server and returns once it answers HTTP; tries another port if the first was taken meanwhile. */
    public static MotoServer start() throws IOException, InterruptedException {
        IOException last = null;
        for (int attempt = 0; attempt < 3; attempt++) {
            int port = freePort();
            Path log = Files.createTempFile("moto-server", ".log");
            ProcessBuilder pb = new ProcessBuilder(List.of(System.getProperty("ct.it.motoServer", "moto_server"),
                    "-H", "127.0.0.1", "-p", Integer.toString(port)))
                    .redirectErrorStream(true).redirectOutput(log.toFile());
            MotoServer server = new MotoServer(pb.start(), port, log);
            try {
                server.awaitAnswering();
                return server;
            } catch (IOException e) {
                server.close();
                last = e;
            }
        }
        throw last;
    }

    /** {@code http://127.0.0.1:<port>} */
    public String endpoint() {
        return "http://127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    /** What the server printed so far (its request log), for failure messages. */
    public String output() {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(unreadable: " + e + ")";
        }
    }

    /** Forgets every bucket and object ({@code POST /moto-api/reset}): a fresh S3 for the next case. */
    public void reset() throws IOException, InterruptedException {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest req = HttpRequest.newBuilder(URI.create(endpoint() + "/moto-api/reset"))
                .timeout(Duration.ofSeconds(30)).POST(HttpRequest.BodyPublishers.noBody()).build();
        int status = client.send(req, HttpResponse.BodyHandlers.discarding()).statusCode();
        if (status != 200) {
            throw new IOException("moto reset answered " + status);
        }
    }

    private void awaitAnswering() throws IOException, InterruptedException {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest ping = HttpRequest.newBuilder(URI.create(endpoint() + "/moto-api/")).timeout(Duration.ofSeconds(5))
                .GET().build();
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (true) {
            if (!process.isAlive()) {
                throw new IOException("moto_server exited with " + process.exitValue() + ": " + output());
            }
            try {
                int status = client.send(ping, HttpResponse.BodyHandlers.discarding()).statusCode();
                if (status < 500) {
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

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    /** Stops the server's children (a launcher shim may sit above the Python process), then the server. */
    @Override
    public void close() throws InterruptedException {
        List<ProcessHandle> children = process.descendants().toList();
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
}
