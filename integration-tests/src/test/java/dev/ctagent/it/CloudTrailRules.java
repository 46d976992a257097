package dev.ctagent.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The parser strictness of cloudtrail-formats.md §6.2 (what the CloudTrail Processing Library rejects),
 * plus the record contract of §1.5: key order, JSON types, caps.
 */
final class CloudTrailRules {
    static final Pattern EVENT_TIME = Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}Z");
    static final List<String> KEY_ORDER = List.of("eventVersion", "userIdentity", "eventTime", "eventSource",
            "eventName", "awsRegion", "sourceIPAddress", "userAgent", "errorCode", "errorMessage",
            "requestParameters", "responseElements", "additionalEventData", "requestID", "eventID", "readOnly",
            "resources", "eventType", "apiVersion", "managementEvent", "recipientAccountId", "serviceEventDetails",
            "sharedEventID", "vpcEndpointId", "vpcEndpointAccountId", "eventCategory", "addendum", "tlsDetails",
            "sessionCredentialFromConsole");
    private static final List<String> IDENTITY_SCALARS = List.of("type", "principalId", "arn", "accountId",
            "accessKeyId", "userName", "invokedBy", "identityProvider", "credentialId");

    private CloudTrailRules() {}

    static void assertValid(JsonNode r) {
        String ctx = "record " + r.path("eventID").asText();
        assertThat(r.isObject()).as(ctx).isTrue();
        assertThat(r.get("eventVersion").isTextual()).as(ctx + " eventVersion").isTrue();
        Double.parseDouble(r.get("eventVersion").asText());
        assertThat(r.get("eventTime").asText()).as(ctx + " eventTime").matches(EVENT_TIME);
        UUID.fromString(r.get("eventID").asText());
        for (String f : List.of("eventSource", "eventName", "awsRegion", "sourceIPAddress", "eventType",
                "eventCategory", "recipientAccountId")) {
            assertThat(r.path(f).isTextual()).as(ctx + " " + f + " is a string").isTrue();
        }
        assertThat(r.has("requestParameters")).as(ctx + " requestParameters present").isTrue();
        assertThat(r.has("responseElements")).as(ctx + " responseElements present").isTrue();
        for (String f : List.of("readOnly", "managementEvent")) {
            if (r.has(f)) {
                assertThat(r.get(f).isBoolean() || r.get(f).isNull()).as(ctx + " " + f + " boolean").isTrue();
            }
        }
        for (String f : List.of("userAgent", "errorCode", "errorMessage", "requestID")) {
            if (r.has(f)) {
                assertThat(r.get(f).isTextual()).as(ctx + " " + f).isTrue();
                assertThat(r.get(f).asText().getBytes(java.nio.charset.StandardCharsets.UTF_8).length)
                        .as(ctx + " " + f + " <= 1 KB").isLessThanOrEqualTo(1024);
            }
        }
        JsonNode id = r.get("userIdentity");
        assertThat(id != null && (id.isObject() || id.isNull())).as(ctx + " userIdentity").isTrue();
        if (id.isObject()) {
            for (String f : IDENTITY_SCALARS) {
                if (id.has(f)) {
                    assertThat(id.get(f).isTextual()).as(ctx + " userIdentity." + f + " string").isTrue();
                }
            }
            assertThat(id.path("type").isTextual()).as(ctx + " userIdentity.type").isTrue();
            if (id.has("sessionContext")) {
                assertThat(id.get("sessionContext").isObject()).as(ctx + " sessionContext object").isTrue();
            }
        }
        for (String f : List.of("tlsDetails", "addendum")) {
            if (r.has(f)) {
                assertThat(r.get(f).isObject()).as(ctx + " " + f + " object").isTrue();
                r.get(f).fields().forEachRemaining(e ->
                        assertThat(e.getValue().isTextual()).as(ctx + " " + f + "." + e.getKey()).isTrue());
            }
        }
        int last = -1;
        for (Iterator<Map.Entry<String, JsonNode>> it = r.fields(); it.hasNext(); ) {
            String name = it.next().getKey();
            int at = KEY_ORDER.indexOf(name);
            assertThat(at).as(ctx + " unexpected key " + name).isGreaterThanOrEqualTo(0);
            assertThat(at).as(ctx + " key order at " + name).isGreaterThan(last);
            last = at;
        }
    }
}
