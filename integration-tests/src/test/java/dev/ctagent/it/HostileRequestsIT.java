package dev.ctagent.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hostile requests sent byte for byte over a socket: invalid UTF-8, quotes, control characters, a 1 MB
 * header, 10 000 parameters. The trail stays valid JSON and the app answers exactly as it does without
 * the agent.
 */
class HostileRequestsIT {
    @TempDir
    Path trailDir;

    private static List<byte[]> requests() {
        List<byte[]> out = new ArrayList<>();
        out.add(req("GET /echo?%FF%FE=%C3%28&q=%22quoted%22%0A%0D%00%1F%5C HTTP/1.1\r\n", ""));
        out.add(bytes("GET /hello/\u00ff\u00fe HTTP/1.1\r\nHost: h\r\nConnection: close\r\n\r\n"));
        out.add(bytes("GET /hello HTTP/1.1\r\nHost: h\"},{\u0001\r\nUser-Agent: \"evil\"\u0001\u007f\u00c3\u0028\u00ff\r\n"
                + "X-Forwarded-For: <script>, 1.2.3.4\r\nConnection: close\r\n\r\n"));
        out.add(req("GET /hello HTTP/1.1\r\n", "User-Agent: " + "u".repeat(1024 * 1024) + "\r\n"));
        out.add(req("GET /hello HTTP/1.1\r\n", "X-Big: " + "b".repeat(1024 * 1024) + "\r\n"));
        StringBuilder many = new StringBuilder();
        for (int i = 0; i < 10_000; i++) {
            many.append(i == 0 ? "" : "&").append("p").append(i).append("=v").append(i);
        }
        out.add(req("GET /echo?" + many + " HTTP/1.1\r\n", ""));
        byte[] form = many.toString().getBytes(StandardCharsets.US_ASCII);
        out.add(concat(bytes("POST /echo HTTP/1.1\r\nHost: h\r\nConnection: close\r\n"
                + "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: " + form.length + "\r\n\r\n"), form));
        out.add(req("GET /items/%22%7D%5D%7B%22x%5Cu0000 HTTP/1.1\r\n", ""));
        return out;
    }

    @Test
    void hostileInputKeepsTheTrailValidAndTheAppUnchanged() throws Exception {
        List<String> withAgent = runAll(ForkedApp.agentArgs(Map.of("ct.dir", trailDir.toString())));
        List<String> without = runAll(List.of());
        assertThat(withAgent).isEqualTo(without);

        List<JsonNode> records = TrailFiles.records(trailDir, "local"); // strict: valid JSON, one gzip member
        assertThat(records).hasSizeGreaterThanOrEqualTo(6);
        records.forEach(CloudTrailRules::assertValid);
        for (JsonNode r : records) {
            assertThat(r.toString().length()).as("a record stays under 256 KB").isLessThan(256 * 1024);
        }
    }

    private List<String> runAll(List<String> jvmArgs) throws Exception {
        List<String> answers = new ArrayList<>();
        try (ForkedApp app = ForkedApp.start(Paths.THIS_JAVA, jvmArgs, Paths.JETTY_APP, "0")) {
            int port = app.awaitReady();
            for (byte[] request : requests()) {
                answers.add(exchange(port, request));
            }
            app.stop();
        }
        return answers;
    }

    /**
     * Status line and body of one request on its own connection (headers differ by date). An error page's
     * body holds identity hashes and stack traces that differ between any two runs: only its title counts.
     */
    private static String exchange(int port, byte[] request) throws Exception {
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setSoTimeout(30_000);
            OutputStream out = s.getOutputStream();
            out.write(request);
            out.flush();
            InputStream in = s.getInputStream();
            ByteArrayOutputStream buf = new ByteArrayOutputStream();
            in.transferTo(buf);
            String text = buf.toString(StandardCharsets.ISO_8859_1);
            String status = text.isEmpty() ? "<closed>" : text.substring(0, Math.max(0, text.indexOf('\r')));
            int bodyAt = text.indexOf("\r\n\r\n");
            String body = bodyAt < 0 ? "" : text.substring(bodyAt + 4);
            if (!status.contains(" 200 ")) {
                int t = body.indexOf("<title>");
                body = t < 0 ? "" : body.substring(t, body.indexOf("</title>", t));
            }
            return status + " | " + body;
        }
    }

    private static byte[] req(String requestLine, String extraHeaders) {
        return bytes(requestLine + "Host: 127.0.0.1\r\nConnection: close\r\n" + extraHeaders + "\r\n");
    }

    /** Each char becomes one byte (ISO-8859-1), so \u00ff is the raw byte 0xFF. */
    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
