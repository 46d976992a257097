package dev.ctagent.it.awscli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.function.Function;

/**
 * The part of the CloudTrail control plane that {@code aws cloudtrail validate-logs} calls, on a free loopback
 * port, speaking AWS JSON 1.1 (cloudtrail-formats.md §4.1): {@code POST /} with
 * {@code X-Amz-Target: ...CloudTrail_20131101.<Operation>}. moto has no ListPublicKeys, hence this.
 * <ul>
 * <li>{@code ListPublicKeys} answers with the body it was given (e.g. the output of
 *     {@code ct-agent.jar list-public-keys}), or with what a function makes of the request;</li>
 * <li>{@code DescribeTrails} lists the trails it was given;</li>
 * <li>anything else is a JSON 1.1 error, 400 {@code UnknownOperationException}.</li>
 * </ul>
 * Every request is recorded, so a test can assert what the client asked for.
 */
public final class FakeCloudTrail implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String JSON_11 = "application/x-amz-json-1.1";

    /** One request: the operation (text after the target's last '.') and its JSON body. */
    public record Request(String operation, JsonNode body) {}

    private final HttpServer server;
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final ArrayNode trails = JSON.createArrayNode();
    private volatile Function<JsonNode, String> publicKeys = request -> "{\"PublicKeyList\":[]}";

    private FakeCloudTrail(HttpServer server) {
        this.server = server;
    }

    public static FakeCloudTrail start() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        FakeCloudTrail fake = new FakeCloudTrail(server);
        server.createContext("/", fake::handle);
        server.setExecutor(Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "fake-cloudtrail");
            t.setDaemon(true);
            return t;
        }));
        server.start();
        return fake;
    }

    /** {@code http://127.0.0.1:<port>}, for the CLI's {@code --endpoint-url}. */
    public String endpoint() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** ListPublicKeys answers with exactly this JSON body. */
    public FakeCloudTrail publicKeys(String listPublicKeysJson) {
        return publicKeys(request -> listPublicKeysJson);
    }

    /** ListPublicKeys answers with what the function makes of the request's body ({@code StartTime}, {@code EndTime}). */
    public FakeCloudTrail publicKeys(Function<JsonNode, String> answer) {
        this.publicKeys = answer;
        return this;
    }

    /** Adds a trail to DescribeTrails' answer; {@code prefix} may be empty. Returns the trail's ARN. */
    public synchronized String addTrail(String name, String region, String accountId, String bucket, String prefix) {
        String arn = "arn:aws:cloudtrail:" + region + ":" + accountId + ":trail/" + name;
        ObjectNode t = trails.addObject();
        t.put("Name", name);
        t.put("S3BucketName", bucket);
        if (!prefix.isEmpty()) {
            t.put("S3KeyPrefix", prefix);
        }
        t.put("IncludeGlobalServiceEvents", true);
        t.put("IsMultiRegionTrail", false);
        t.put("HomeRegion", region);
        t.put("TrailARN", arn);
        t.put("LogFileValidationEnabled", true);
        t.put("HasCustomEventSelectors", false);
        t.put("HasInsightSelectors", false);
        t.put("IsOrganizationTrail", false);
        return arn;
    }

    public List<Request> requests() {
        return List.copyOf(requests);
    }

    public List<String> operations() {
        return requests.stream().map(Request::operation).toList();
    }

    public void clearRequests() {
        requests.clear();
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            try {
                dispatch(ex);
            } catch (IOException | RuntimeException | AssertionError e) { // a test's answer function may assert
                answer(ex, 500, error("InternalFailure", String.valueOf(e)));
            }
        }
    }

    private void dispatch(HttpExchange ex) throws IOException {
        byte[] raw;
        try (InputStream in = ex.getRequestBody()) {
            raw = in.readAllBytes();
        }
        String target = ex.getRequestHeaders().getFirst("X-Amz-Target");
        String op = target == null ? "" : target.substring(target.lastIndexOf('.') + 1);
        JsonNode body = raw.length == 0 ? JSON.createObjectNode() : JSON.readTree(raw);
        requests.add(new Request(op, body));
        if (!"POST".equals(ex.getRequestMethod())) {
            answer(ex, 400, error("UnknownOperationException", "expected POST /, got " + ex.getRequestMethod()));
            return;
        }
        switch (op) {
            case "ListPublicKeys" -> answer(ex, 200, publicKeys.apply(body));
            case "DescribeTrails" -> answer(ex, 200, describeTrails());
            default -> answer(ex, 400, error("UnknownOperationException",
                    "this fake CloudTrail does not implement '" + target + "'"));
        }
    }

    private synchronized String describeTrails() {
        ObjectNode out = JSON.createObjectNode();
        out.set("trailList", trails.deepCopy());
        return out.toString();
    }

    private static String error(String type, String message) {
        ObjectNode e = JSON.createObjectNode();
        e.put("__type", type);
        e.put("message", message);
        return e.toString();
    }

    private static void answer(HttpExchange ex, int status, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", JSON_11);
        ex.getResponseHeaders().set("x-amzn-RequestId", UUID.randomUUID().toString());
        ex.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }
}
