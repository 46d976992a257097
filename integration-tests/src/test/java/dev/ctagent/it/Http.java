package dev.ctagent.it;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;

/** A plain HTTP client for driving a forked app; every request carries a fresh X-Request-Id. */
final class Http {
    private static final HttpClient CLIENT = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10)).build();
    private final int port;

    Http(int port) {
        this.port = port;
    }

    record Reply(String requestId, int status, String body) {}

    Reply get(String path, String... headers) throws Exception {
        return send(builder(path, headers).GET());
    }

    Reply postForm(String path, String form, String... headers) throws Exception {
        return send(builder(path, headers).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)));
    }

    Reply postJson(String path, String json, String... headers) throws Exception {
        return send(builder(path, headers).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    private HttpRequest.Builder builder(String path, String... headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(30));
        boolean hasId = false;
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
            hasId |= headers[i].equalsIgnoreCase("X-Request-Id");
        }
        if (!hasId) {
            b.header("X-Request-Id", UUID.randomUUID().toString());
        }
        return b;
    }

    private Reply send(HttpRequest.Builder b) throws Exception {
        HttpRequest req = b.build();
        HttpResponse<String> resp = CLIENT.send(req, HttpResponse.BodyHandlers.ofString());
        return new Reply(req.headers().firstValue("X-Request-Id").orElse(null), resp.statusCode(), resp.body());
    }
}
