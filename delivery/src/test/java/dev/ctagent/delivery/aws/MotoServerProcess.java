package dev.ctagent.delivery.aws;

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
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * {@code moto_server -H 127.0.0.1 -p <free port>} (moto's emulator of the AWS APIs) in its own process, as
 * integration-tests' {@code MotoServer} starts it: output to a file (a full pipe would block it), ready once
 * it answers HTTP, stopped with its children. The executable is {@code moto_server} from the PATH or the
 * system property {@code ct.it.motoServer}. moto checks no signatures: any key does.
 */
public final class MotoServerProcess implements AutoCloseable {
    public static final String REGION = "us-east-1";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    private Process process;
    private final int port;
    private final Path log;

    private MotoServerProcess(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /** Starts a server and returns once it answers; another port is tried if the first was taken meanwhile. */
    public static MotoServerProcess start() throws IOException, InterruptedException {
        IOException last = null;
        for (int attempt = 0; attempt < 3; attempt++) {
            int port = freePort();
            Path log = Files.createTempFile("moto-server", ".log");
            MotoServerProcess server = new MotoServerProcess(launch(port, log), port, log);
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

    /** The outage: the server goes away; {@link #startAgain()} brings it back on the same port, empty. */
    public void stop() {
        stopProcess();
    }

    public void startAgain() throws IOException, InterruptedException {
        process = launch(port, log);
        awaitAnswering();
    }

    private static Process launch(int port, Path log) throws IOException {
        return new ProcessBuilder(List.of(System.getProperty("ct.it.motoServer", "moto_server"),
                "-H", "127.0.0.1", "-p", Integer.toString(port)))
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + port);
    }

    /** A client with moto's customary dummy key. */
    public S3Client client() {
        return SdkClients.s3(REGION, endpoint(), true,
                StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")));
    }

    /** What the server printed so far, for failure messages. */
    public String output() {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(unreadable: " + e + ")";
        }
    }

    /** Forgets every bucket, topic and queue ({@code POST /moto-api/reset}): a fresh server for the next case. */
    public void reset() throws IOException, InterruptedException {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest req = HttpRequest.newBuilder(endpoint().resolve("/moto-api/reset"))
                .timeout(Duration.ofSeconds(30)).POST(HttpRequest.BodyPublishers.noBody()).build();
        int status = client.send(req, HttpResponse.BodyHandlers.discarding()).statusCode();
        if (status != 200) {
            throw new IOException("moto reset answered " + status);
        }
    }

    private void awaitAnswering() throws IOException, InterruptedException {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest ping = HttpRequest.newBuilder(endpoint().resolve("/moto-api/")).timeout(Duration.ofSeconds(5))
                .GET().build();
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

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    /** Stops the server's children (a launcher shim may sit above the Python process), then the server. */
    @Override
    public void close() {
        stopProcess();
        try {
            Files.deleteIfExists(log);
        } catch (IOException ignored) {
            // a temporary file
        }
    }

    private void stopProcess() {
        List<ProcessHandle> children = process.descendants().collect(Collectors.toList());
        children.forEach(ProcessHandle::destroy);
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
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
