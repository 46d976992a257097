package dev.ctagent.delivery.destination;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ctagent.delivery.aws.SdkClients;
import dev.ctagent.runtime.config.S3Settings;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * A store that closes a kept-alive connection instead of answering, the way an S3 endpoint drops a
 * connection that sat idle in the client's pool. The JDK client reports that as an UncheckedIOException,
 * outside the SDK's retries; the agent's clients ({@code SdkClients}) hand it to the SDK as the IOException
 * it is, so the object is sent again on a new connection rather than the delivery failing.
 */
class S3DestinationStaleConnectionTest {
    private DroppingStore store;

    @AfterEach
    void stop() throws IOException {
        if (store != null) {
            store.close();
        }
    }

    @Test
    void aPutOnAConnectionTheStoreDroppedIsSentAgainOnANewOne() throws Exception {
        store = new DroppingStore(List.of(true, false, true));
        S3Destination destination = destination();

        destination.put("AWSLogs/a.json", "{\"a\":1}".getBytes(StandardCharsets.UTF_8), Map.of());
        destination.put("AWSLogs/b.json", "{\"b\":2}".getBytes(StandardCharsets.UTF_8), Map.of());

        assertThat(store.requests()).containsExactly(
                "connection 1: PUT /bucket/AWSLogs/a.json {\"a\":1}",
                "connection 1: PUT /bucket/AWSLogs/b.json (dropped)",
                "connection 2: PUT /bucket/AWSLogs/b.json {\"b\":2}");
    }

    @Test
    void aStoreThatKeepsDroppingIsAnIOExceptionNamingTheObject() throws Exception {
        store = new DroppingStore(List.of(false, false, false, false, false, false));
        S3Destination destination = destination();

        assertThatThrownBy(() -> destination.put("AWSLogs/c.json", new byte[] {'{', '}'}, Map.of()))
                .isInstanceOf(IOException.class)
                .hasMessageStartingWith("S3 PutObject s3://bucket/AWSLogs/c.json failed: ");
        assertThat(store.requests()).hasSizeGreaterThan(1)
                .allMatch(r -> r.endsWith("PUT /bucket/AWSLogs/c.json (dropped)"));
    }

    private S3Destination destination() {
        return new S3Destination(SdkClients.s3("us-east-1", store.endpoint(), true,
                StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIAEXAMPLE", "secret"))),
                "bucket", S3Settings.Sse.NONE, null);
    }

    /**
     * An HTTP/1.1 server on loopback that, for each request in turn, either answers a PutObject (keeping the
     * connection open) or closes the connection after the request's headers, without a word.
     */
    private static final class DroppingStore implements AutoCloseable {
        private final ServerSocket socket;
        private final List<String> requests = Collections.synchronizedList(new ArrayList<>());
        private final Thread thread;

        DroppingStore(List<Boolean> answers) throws IOException {
            socket = new ServerSocket(0, 8, InetAddress.getLoopbackAddress());
            thread = new Thread(() -> serve(answers), "dropping-store");
            thread.setDaemon(true);
            thread.start();
        }

        URI endpoint() {
            return URI.create("http://127.0.0.1:" + socket.getLocalPort());
        }

        List<String> requests() {
            synchronized (requests) {
                return new ArrayList<>(requests);
            }
        }

        private void serve(List<Boolean> answers) {
            int next = 0;
            int connection = 0;
            while (next < answers.size()) {
                try (Socket s = socket.accept()) {
                    connection++;
                    InputStream in = s.getInputStream();
                    OutputStream out = s.getOutputStream();
                    while (next < answers.size()) {
                        String head = readHead(in);
                        if (head == null) {
                            break; // the client closed this connection
                        }
                        String line = head.substring(0, head.indexOf(" HTTP/1.1"));
                        if (!answers.get(next++)) {
                            // drop: as a connection the store closed while idle, before reading a byte of it
                            requests.add("connection " + connection + ": " + line + " (dropped)");
                            break;
                        }
                        if (head.toLowerCase(Locale.ROOT).contains("\r\nexpect: 100-continue")) {
                            out.write("HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                            out.flush();
                        }
                        byte[] body = in.readNBytes(contentLength(head));
                        requests.add("connection " + connection + ": " + line + " " + payload(head, body));
                        String etag = String.format("%032x", new java.math.BigInteger(1,
                                MessageDigest.getInstance("MD5").digest(body)));
                        out.write(("HTTP/1.1 200 OK\r\nContent-Length: 0\r\nETag: \"" + etag
                                + "\"\r\nx-amz-request-id: R" + next + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                        out.flush();
                    }
                } catch (Exception e) {
                    if (socket.isClosed()) {
                        return;
                    }
                }
            }
        }

        /** The request line and headers up to the blank line, or null at end of stream. */
        private static String readHead(InputStream in) throws IOException {
            ByteArrayOutputStream head = new ByteArrayOutputStream();
            int b;
            while ((b = in.read()) >= 0) {
                head.write(b);
                byte[] h = head.toByteArray();
                int n = h.length;
                if (n >= 4 && h[n - 4] == '\r' && h[n - 3] == '\n' && h[n - 2] == '\r' && h[n - 1] == '\n') {
                    return head.toString(StandardCharsets.US_ASCII);
                }
            }
            return null;
        }

        /** The object's bytes: over plain HTTP the SDK sends them in signed aws-chunked frames. */
        private static String payload(String head, byte[] body) {
            String text = new String(body, StandardCharsets.UTF_8);
            if (!head.toLowerCase(Locale.ROOT).contains("x-amz-content-sha256: streaming-")) {
                return text;
            }
            StringBuilder out = new StringBuilder();
            int at = 0;
            while (true) {
                int eol = text.indexOf("\r\n", at);
                int size = Integer.parseInt(text.substring(at, text.indexOf(';', at)), 16);
                if (size == 0) {
                    return out.toString();
                }
                out.append(text, eol + 2, eol + 2 + size);
                at = eol + 2 + size + 2;
            }
        }

        private static int contentLength(String head) {
            for (String line : head.split("\r\n")) {
                if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                    return Integer.parseInt(line.substring(line.indexOf(':') + 1).trim());
                }
            }
            return 0;
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}
