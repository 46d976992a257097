package dev.ctagent.delivery.notify;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * An HTTP endpoint a webhook delivers to, as the test's own receiver: it keeps every request it gets and
 * answers with a chosen status. It can be stopped and started again on the same port, as a restarted
 * service would be.
 */
final class WebhookReceiver implements AutoCloseable {
    /** One request as it arrived. */
    static final class Request {
        final String method;
        final String path;
        final Headers headers;
        final byte[] body;

        Request(String method, String path, Headers headers, byte[] body) {
            this.method = method;
            this.path = path;
            this.headers = headers;
            this.body = body;
        }
    }

    static final String PATH = "/ct-agent/notifications";
    private static final long AWAIT_SECONDS = 30;

    private final BlockingQueue<Request> requests = new LinkedBlockingQueue<>();
    private volatile int status = 200;
    private volatile String answer = "";
    private int port;
    private HttpServer server;

    WebhookReceiver start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
        server.createContext("/", exchange -> {
            try (InputStream in = exchange.getRequestBody()) {
                requests.add(new Request(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(),
                        exchange.getRequestHeaders(), in.readAllBytes()));
            }
            byte[] bytes = answer.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        });
        server.start();
        port = server.getAddress().getPort(); // the first start picks a free port; later ones reuse it
        return this;
    }

    void stop() {
        server.stop(0);
    }

    URI url() {
        return URI.create("http://127.0.0.1:" + port + PATH);
    }

    /** From now on answers every request with {@code status} and {@code body}. */
    void answer(int status, String body) {
        this.status = status;
        this.answer = body;
    }

    /** The next request; fails the test when none comes. */
    Request awaitRequest() throws InterruptedException {
        Request request = requests.poll(AWAIT_SECONDS, TimeUnit.SECONDS);
        if (request == null) {
            throw new AssertionError("no request reached the webhook receiver within " + AWAIT_SECONDS + " s");
        }
        return request;
    }

    /** Whether requests arrived that no one took yet. */
    int pending() {
        return requests.size();
    }

    @Override
    public void close() {
        stop();
    }
}
