package dev.ctagent.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Named requests a scenario sent, and the one record each produced (matched by its X-Request-Id). */
final class Exchanges {
    private final Map<String, Http.Reply> sent = new LinkedHashMap<>();
    private Map<String, JsonNode> byRequestId = Map.of();

    void put(String name, Http.Reply reply) {
        sent.put(name, reply);
    }

    Http.Reply reply(String name) {
        return sent.get(name);
    }

    int size() {
        return sent.size();
    }

    /** Indexes the trail's records by requestID; two records for one request fail the test. */
    void match(List<JsonNode> records) {
        byRequestId = records.stream().collect(Collectors.toMap(r -> r.path("requestID").asText(), r -> r,
                (a, b) -> { throw new AssertionError("two records share requestID " + a.path("requestID")); }));
    }

    boolean hasRecord(String name) {
        return byRequestId.containsKey(sent.get(name).requestId());
    }

    JsonNode record(String name) {
        JsonNode r = byRequestId.get(sent.get(name).requestId());
        assertThat(r).as("record for " + name).isNotNull();
        return r;
    }
}
