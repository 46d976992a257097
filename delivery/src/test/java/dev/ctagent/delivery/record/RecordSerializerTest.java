package dev.ctagent.delivery.record;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ctagent.runtime.capture.CapturedCall;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class RecordSerializerTest {
    private final RecordSerializer serializer = new RecordSerializer(TestConfigs.config());

    private JsonNode record(CapturedCall call) {
        SerializedRecord r = serializer.serialize(call);
        assertThat(r).isNotNull();
        return StrictJson.parse(r);
    }

    private static List<String> keys(JsonNode node) {
        List<String> keys = new ArrayList<>();
        node.fieldNames().forEachRemaining(keys::add);
        return keys;
    }

    @Test
    void readOnlyCallHasEveryRequiredKeyInCloudTrailOrder() {
        SerializedRecord r = serializer.serialize(Calls.get());
        JsonNode n = StrictJson.parse(r);

        assertThat(keys(n)).containsExactly("eventVersion", "userIdentity", "eventTime", "eventSource",
                "eventName", "awsRegion", "sourceIPAddress", "requestParameters", "responseElements",
                "requestID", "eventID", "readOnly", "eventType", "managementEvent", "recipientAccountId",
                "eventCategory");
        assertThat(n.get("eventVersion").textValue()).isEqualTo("1.11");
        assertThat(n.get("eventTime").textValue()).isEqualTo("2026-01-02T03:04:05Z");
        assertThat(n.get("eventSource").textValue()).isEqualTo("api.example.com");
        assertThat(n.get("eventName").textValue()).isEqualTo("GET /owners/1");
        assertThat(n.get("awsRegion").textValue()).isEqualTo("eu-west-1");
        assertThat(n.get("sourceIPAddress").textValue()).isEqualTo("192.0.2.10");
        assertThat(n.get("requestParameters").isNull()).isTrue();
        assertThat(n.get("responseElements").isNull()).isTrue();
        assertThat(n.get("readOnly").isBoolean()).isTrue();
        assertThat(n.get("readOnly").booleanValue()).isTrue();
        assertThat(n.get("eventType").textValue()).isEqualTo("AwsApiCall");
        assertThat(n.get("managementEvent").booleanValue()).isTrue();
        assertThat(n.get("recipientAccountId").textValue()).isEqualTo("111122223333");
        assertThat(n.get("eventCategory").textValue()).isEqualTo("Management");
        assertThat(r.eventTimeMillis).isEqualTo(Calls.TIME);
        assertThat(r.bytes[0]).isEqualTo((byte) '{');
        assertThat(r.bytes[r.length - 1]).isEqualTo((byte) '}');
    }

    @Test
    void optionalKeysAppearInTheirPlaces() {
        CapturedCall call = Calls.post("/owners?x");
        call.served.userAgent = "curl/8.5.0";
        call.served.status = 404;
        call.served.queryString = "a=1";
        call.served.secure = true;
        call.served.tlsProtocol = "TLSv1.3";

        assertThat(keys(record(call))).containsExactly("eventVersion", "userIdentity", "eventTime",
                "eventSource", "eventName", "awsRegion", "sourceIPAddress", "userAgent", "errorCode",
                "errorMessage", "requestParameters", "responseElements", "requestID", "eventID", "readOnly",
                "eventType", "managementEvent", "recipientAccountId", "eventCategory", "tlsDetails");
    }

    @Test
    void recordsAreCompactAndStartWithoutSeparator() {
        serializer.serialize(Calls.get());
        SerializedRecord second = serializer.serialize(Calls.get());
        String text = new String(second.bytes, 0, second.length, java.nio.charset.StandardCharsets.UTF_8);
        assertThat(text).startsWith("{\"eventVersion\":\"1.11\",\"userIdentity\":{").doesNotContain("\n", ": ", ", ");
    }

    @Test
    void eventIdAndGeneratedRequestIdAreDistinctUuids() {
        JsonNode a = record(Calls.get());
        JsonNode b = record(Calls.get());
        String idA = a.get("eventID").textValue();
        assertThat(UUID.fromString(idA).version()).isEqualTo(4);
        assertThat(UUID.fromString(a.get("requestID").textValue()).version()).isEqualTo(4);
        assertThat(a.get("requestID").textValue()).isNotEqualTo(idA);
        assertThat(b.get("eventID").textValue()).isNotEqualTo(idA);
    }

    @Test
    void requestIdHeaderIsUsedWhenPresentAndCapped() {
        CapturedCall call = Calls.get();
        call.served.requestIdHeader = "req-42";
        assertThat(record(call).get("requestID").textValue()).isEqualTo("req-42");

        call.served.requestIdHeader = "r".repeat(5000);
        assertThat(record(call).get("requestID").textValue()).hasSize(1024);

        call.served.requestIdHeader = "";
        assertThat(UUID.fromString(record(call).get("requestID").textValue())).isNotNull();
    }

    @Test
    void eventSourceIsConfiguredServiceNameElseHostWithoutPort() {
        RecordSerializer named = new RecordSerializer(TestConfigs.config("ct.service.name", "petclinic"));
        assertThat(StrictJson.parse(named.serialize(Calls.get())).get("eventSource").textValue())
                .isEqualTo("petclinic");

        CapturedCall call = Calls.get();
        call.served.host = "[::1]:8080";
        assertThat(record(call).get("eventSource").textValue()).isEqualTo("::1");
        call.served.host = "[2001:db8::1]";
        assertThat(record(call).get("eventSource").textValue()).isEqualTo("2001:db8::1");
        call.served.host = "api.example.com";
        assertThat(record(call).get("eventSource").textValue()).isEqualTo("api.example.com");
        call.served.host = null;
        assertThat(record(call).get("eventSource").textValue()).isEqualTo("unknown");
        call.served.host = "h".repeat(3000);
        assertThat(record(call).get("eventSource").textValue()).hasSize(1024);
    }

    @Test
    void eventNameUsesRoutePatternElseRawUri() {
        CapturedCall call = Calls.get();
        call.served.routePattern = new Object() {
            @Override
            public String toString() {
                return "/owners/{ownerId}";
            }
        };
        assertThat(record(call).get("eventName").textValue()).isEqualTo("GET /owners/{ownerId}");

        call.served.routePattern = null;
        call.served.requestUri = "/owners/%7Bx%7D";
        assertThat(record(call).get("eventName").textValue()).isEqualTo("GET /owners/%7Bx%7D");
    }

    @Test
    void readOnlyFollowsTheMethodAndMutatingCallsReportTheirStatus() {
        for (String m : new String[] {"GET", "head", "Options"}) {
            CapturedCall call = Calls.get();
            call.served.method = m;
            JsonNode n = record(call);
            assertThat(n.get("readOnly").booleanValue()).as(m).isTrue();
            assertThat(n.get("responseElements").isNull()).as(m).isTrue();
        }
        for (String m : new String[] {"POST", "PUT", "DELETE", "PATCH"}) {
            CapturedCall call = Calls.get();
            call.served.method = m;
            call.served.status = 201;
            JsonNode n = record(call);
            assertThat(n.get("readOnly").booleanValue()).as(m).isFalse();
            assertThat(n.get("responseElements").toString()).as(m).isEqualTo("{\"httpStatus\":201}");
        }
    }

    @Test
    void errorStatusGivesReasonPhraseCodes() {
        CapturedCall call = Calls.get();
        call.served.status = 404;
        JsonNode n = record(call);
        assertThat(n.get("errorCode").textValue()).isEqualTo("NotFound");
        assertThat(n.get("errorMessage").textValue()).isEqualTo("Not Found");

        call.served.status = 499;
        n = record(call);
        assertThat(n.get("errorCode").textValue()).isEqualTo("Http499");
        assertThat(n.get("errorMessage").textValue()).isEqualTo("HTTP 499");

        call.served.status = 302;
        assertThat(record(call).has("errorCode")).isFalse();
    }

    /** Mimics javax/jakarta ServletException, which wraps what the application threw. */
    static final class ServletException extends Exception {
        ServletException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    static final class NestedServletException extends Exception {
        NestedServletException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    @Test
    void escapedExceptionIsUnwrappedAndTurnsStatusInto500() {
        CapturedCall call = Calls.post("/owners");
        call.served.status = 200;
        call.served.thrown = new NestedServletException("Request processing failed",
                new ServletException("wrapped", new IllegalStateException("owner \"7\" is locked")));
        JsonNode n = record(call);
        assertThat(n.get("errorCode").textValue()).isEqualTo("IllegalStateException");
        assertThat(n.get("errorMessage").textValue()).isEqualTo("owner \"7\" is locked");
        assertThat(n.get("responseElements").get("httpStatus").intValue()).isEqualTo(500);

        call.served.status = 409;
        assertThat(record(call).get("responseElements").get("httpStatus").intValue()).isEqualTo(409);
    }

    @Test
    void exceptionWithoutMessageOmitsErrorMessageAndAnonymousClassesUseTheirBinaryName() {
        CapturedCall call = Calls.get();
        call.served.thrown = new ServletException("no cause", null);
        JsonNode n = record(call);
        assertThat(n.get("errorCode").textValue()).isEqualTo("ServletException");
        assertThat(n.get("errorMessage").textValue()).isEqualTo("no cause");

        call.served.thrown = new RuntimeException() { };
        n = record(call);
        assertThat(n.get("errorCode").textValue()).startsWith(RecordSerializerTest.class.getName() + "$");
        assertThat(n.has("errorMessage")).isFalse();

        call.served.thrown = new IllegalArgumentException("m".repeat(4000));
        assertThat(record(call).get("errorMessage").textValue()).hasSize(1024);
    }

    @Test
    void userAgentIsOmittedWhenAbsentAndCappedAtOneKilobyteOnACharacterBoundary() {
        CapturedCall call = Calls.get();
        assertThat(record(call).has("userAgent")).isFalse();

        call.served.userAgent = "a" + "\u20ac".repeat(1000); // 1 + 3000 UTF-8 bytes
        String ua = record(call).get("userAgent").textValue();
        assertThat(ua.getBytes(java.nio.charset.StandardCharsets.UTF_8).length).isEqualTo(1 + 341 * 3);
        assertThat(ua).isEqualTo("a" + "\u20ac".repeat(341));
    }

    @Test
    void tlsDetailsOnlyForSecureCallsWithKnownTlsFacts() {
        CapturedCall call = Calls.get();
        call.served.secure = true;
        assertThat(record(call).has("tlsDetails")).isFalse();

        call.served.tlsProtocol = "TLSv1.3";
        call.served.tlsCipherSuite = "TLS_AES_128_GCM_SHA256";
        assertThat(record(call).get("tlsDetails").toString()).isEqualTo("{\"tlsVersion\":\"TLSv1.3\","
                + "\"cipherSuite\":\"TLS_AES_128_GCM_SHA256\",\"clientProvidedHostHeader\":\"api.example.com:8080\"}");

        call.served.tlsCipherSuite = null;
        call.served.host = null;
        assertThat(record(call).get("tlsDetails").toString()).isEqualTo("{\"tlsVersion\":\"TLSv1.3\"}");

        call.served.secure = false;
        assertThat(record(call).has("tlsDetails")).isFalse();
    }

    @Test
    void sourceAddressIsThePeerUnlessItIsATrustedProxy() {
        RecordSerializer behindProxy = new RecordSerializer(TestConfigs.config("ct.trustedProxies", "10.0.0.0/8"));
        CapturedCall call = Calls.get();
        call.served.forwardedFor = "198.51.100.7";
        assertThat(record(call).get("sourceIPAddress").textValue()).isEqualTo("192.0.2.10");

        call.served.remoteAddr = "10.1.2.3";
        assertThat(StrictJson.parse(behindProxy.serialize(call)).get("sourceIPAddress").textValue())
                .isEqualTo("198.51.100.7");
    }

    @Test
    void skippedSlotsGiveNoRecordAndAreNotFailures() {
        CapturedCall call = Calls.get();
        call.kind = CapturedCall.SKIP;
        assertThat(serializer.serialize(call)).isNull();
        assertThat(serializer.failedRecords()).isZero();
    }

    @Test
    void aCallThatCannotBeSerializedIsCountedAndTheNextRecordIsIntact() {
        CapturedCall bad = Calls.post("/x");
        bad.served.routePattern = new Object() {
            @Override
            public String toString() {
                throw new IllegalStateException("broken pattern");
            }
        };
        assertThat(serializer.serialize(bad)).isNull();
        assertThat(serializer.failedRecords()).isEqualTo(1);

        SerializedRecord next = serializer.serialize(Calls.get());
        JsonNode n = StrictJson.parse(next);
        assertThat(n.get("eventName").textValue()).isEqualTo("GET /owners/1");
        assertThat(next.bytes[0]).isEqualTo((byte) '{');
    }
}
