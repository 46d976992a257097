package com.example.benchapp;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;

/**
 * An S3 stand-in on 127.0.0.1 (an ephemeral port) inside the benchmark JVM: every request gets the same
 * tiny, valid HeadObject answer ({@code 200}, no body; ETag, size, type, last-modified, request ids). Its
 * one dispatcher thread answers (no executor), and connections stay open between calls (keep-alive), so
 * a call costs one local round trip and no connect.
 *
 * <p>Why HeadObject and not a POST operation (DynamoDB GetItem, SQS): for a POST on a kept-alive
 * connection in fixed-length streaming mode, which the SDK v2 url-connection client uses for every
 * request with a body, the JDK's {@code HttpURLConnection} first probes the cached connection with a
 * 1 ms read timeout ({@code sun.net.www.http.HttpClient.available()}). Every such call then takes
 * ~1.2–1.6 ms here, and the agent's few hundred nanoseconds drown in that timer's jitter.
 */
public final class LocalS3 implements AutoCloseable {
    public static final String BUCKET = "bench-bucket";
    public static final String KEY = "owners/7.json";
    public static final String REQUEST_ID = "BENCH0REQUEST0ID";
    public static final String ETAG = "\"9a0364b9e99bb480dd25e1f0284c8555\"";

    static {
        // Before the JDK's server reads its configuration: without TCP_NODELAY a response written in two
        // parts meets the client's delayed ACK (~40 ms per call).
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    private final HttpServer server;
    private final byte[] drain = new byte[8192];
    private volatile long requests;
    private volatile long connections;
    private int lastRemotePort = -1;

    public LocalS3() throws IOException {
        this(0);
    }

    /** @param port the loopback port to listen on, 0 for any free one */
    public LocalS3(int port) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 64);
        server.createContext("/", this::answer);
        server.start();
    }

    /**
     * Runs the endpoint as its own process until killed, for benchmarks/compare: the services under test call it,
     * and it must not share their JVM (an agent there would instrument it, and its CPU would count as theirs).
     * Usage: {@code java -cp benchmarks.jar com.example.benchapp.LocalS3 [port]} (0 or nothing = any free port);
     * prints {@code READY port=N} once it accepts connections.
     */
    public static void main(String[] args) throws IOException {
        LocalS3 s3 = new LocalS3(args.length > 0 ? Integer.parseInt(args[0]) : 0);
        System.out.println("READY port=" + s3.server.getAddress().getPort());
        System.out.flush();
        // The server's dispatcher thread is not a daemon: the JVM stays up until it is signalled.
    }

    private void answer(HttpExchange exchange) throws IOException {
        try (InputStream in = exchange.getRequestBody()) {
            while (in.read(drain) >= 0) {
                // the request is not looked at
            }
        }
        int port = exchange.getRemoteAddress().getPort();
        if (port != lastRemotePort) { // a new client connection (the benchmark has one calling thread)
            lastRemotePort = port;
            connections++;
        }
        exchange.getResponseHeaders().set("x-amz-request-id", REQUEST_ID);
        exchange.getResponseHeaders().set("x-amz-id-2", "bench/id2");
        exchange.getResponseHeaders().set("ETag", ETAG);
        exchange.getResponseHeaders().set("Last-Modified", "Sat, 21 Nov 2026 12:00:00 GMT");
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.getResponseHeaders().set("Accept-Ranges", "bytes");
        exchange.sendResponseHeaders(200, -1); // HEAD: no body
        exchange.close();
        requests++;
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** Requests answered so far. */
    public long requests() {
        return requests;
    }

    /** Times the client's port changed between consecutive requests: about the connections opened. */
    public long connections() {
        return connections;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
