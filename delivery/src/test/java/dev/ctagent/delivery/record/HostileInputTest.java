package dev.ctagent.delivery.record;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.cloudtrail.processinglibrary.model.CloudTrailEvent;
import com.fasterxml.jackson.databind.JsonNode;
import dev.ctagent.runtime.capture.CapturedCall;
import dev.ctagent.runtime.capture.ServedCall;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Whatever a client sends, each record is valid strict JSON under 256 KB that the CloudTrail
 * Processing Library reads.
 */
class HostileInputTest {
    private static final String NASTY = "q\"uo\\te\u0000\u0001\u001f\u007f\n\r\t\u2028\u2029</script>\uD800x\uDFFFy\uDBFF";
    private static final int MAX_EVENT_BYTES = 256 * 1024;

    private final RecordSerializer serializer = new RecordSerializer(TestConfigs.config(
            "ct.trustedProxies", "10.0.0.0/8"));
    private final List<byte[]> records = new ArrayList<>();
    private final List<UUID> eventIds = new ArrayList<>();

    private JsonNode accept(CapturedCall call) {
        SerializedRecord r = serializer.serialize(call);
        assertThat(r).isNotNull();
        assertThat(r.length).isLessThan(MAX_EVENT_BYTES);
        JsonNode n = StrictJson.parse(r);
        records.add(Calls.copy(r));
        eventIds.add(UUID.fromString(n.get("eventID").textValue()));
        return n;
    }

    private void assertCloudTrailReadsAll() throws Exception {
        List<CloudTrailEvent> events = CloudTrailParserCheck.parseAll(CloudTrailParserCheck.logFileOf(records));
        assertThat(events).hasSize(records.size());
        for (int i = 0; i < events.size(); i++) {
            assertThat(events.get(i).getEventData().getEventId()).isEqualTo(eventIds.get(i));
        }
        assertThat(serializer.failedRecords()).isZero();
    }

    @Test
    void controlCharactersQuotesAndLoneSurrogatesEverywhere() throws Exception {
        CapturedCall call = Calls.post(NASTY);
        ServedCall s = call.served;
        s.method = NASTY;
        s.host = NASTY;
        s.userAgent = NASTY;
        s.remoteAddr = NASTY;
        s.forwardedFor = NASTY;
        s.requestIdHeader = NASTY;
        s.principalName = NASTY;
        s.queryString = NASTY + "=" + NASTY + "&" + NASTY;
        s.formParameters = new String[] {NASTY, NASTY, "x", NASTY};
        s.thrown = new IllegalStateException(NASTY);
        s.secure = true;
        s.tlsProtocol = NASTY;
        s.tlsCipherSuite = NASTY;
        s.routePattern = NASTY;
        s.contentType = "application/json";
        s.body = ("{\"" + "k\\u0000\\\"q" + "\":\"v\\\"\\\\\\udc00\\u0007\",\"n\":[\"\\ud83d\\ude00\"]}")
                .getBytes(java.nio.charset.StandardCharsets.UTF_8);
        s.bodyLength = s.body.length;

        JsonNode n = accept(call);
        assertThat(n.get("userAgent").textValue()).contains("\uFFFD").contains("\u0000");
        assertThat(n.get("requestParameters").get("k\u0000\"q").textValue()).isEqualTo("v\"\\\uFFFD\u0007");
        assertThat(n.get("requestParameters").get("n").get(0).textValue()).isEqualTo("\uD83D\uDE00");
        assertThat(n.get("sourceIPAddress").textValue()).startsWith("q\"uo");

        call.served.handler = new Object(); // not a HandlerMethod
        call.served.authorization = "Bearer " + NASTY;
        accept(call);
        assertCloudTrailReadsAll();
    }

    @Test
    void emojiAreWrittenAsUtf8NotEscapes() {
        CapturedCall call = Calls.get();
        call.served.userAgent = "ua \uD83D\uDE00";
        SerializedRecord r = serializer.serialize(call);
        String text = new String(r.bytes, 0, r.length, java.nio.charset.StandardCharsets.UTF_8);
        assertThat(text).contains("\"userAgent\":\"ua \uD83D\uDE00\"");
    }

    @Test
    void invalidUtf8BodyAndJwtPayload() throws Exception {
        CapturedCall call = Calls.jsonBody("{}");
        call.served.body = new byte[] {'{', '"', 'a', '"', ':', '"', (byte) 0xED, (byte) 0xA0, (byte) 0x80, '"', '}'};
        call.served.bodyLength = call.served.body.length;
        call.served.authorization = "Bearer " + UserIdentityTest.base64url("{}") + "."
                + java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(
                        new byte[] {'{', '"', 'i', 's', 's', '"', ':', '"', (byte) 0xFF, '"', '}'}) + ".c2ln";
        JsonNode n = accept(call);
        assertThat(n.get("requestParameters").toString()).isEqualTo("{\"body\":{\"omitted\":true,\"reason\":\"malformed\"}}");
        assertThat(n.get("userIdentity").toString()).isEqualTo("{\"type\":\"Unknown\"}");
        assertCloudTrailReadsAll();
    }

    @Test
    void tenThousandParameters() throws Exception {
        StringBuilder q = new StringBuilder();
        String[] form = new String[20_000];
        for (int i = 0; i < 10_000; i++) {
            q.append("q").append(i % 3000).append("=").append(i).append('&');
            form[2 * i] = "f" + i;
            form[2 * i + 1] = "v" + i;
        }
        CapturedCall call = Calls.post("/many");
        call.served.queryString = q.toString();
        call.served.formParameters = form;
        JsonNode p = accept(call).get("requestParameters");
        assertThat(p.size()).isEqualTo(RequestParameters.MAX_NAMES + 1);
        assertThat(p.get("q0").toString()).isEqualTo("[\"0\",\"3000\",\"6000\",\"9000\"]");
        assertThat(p.get("ctTruncatedParameters").intValue()).isEqualTo(6_000 + 10_000);

        call.served.formParameters = null;
        call.served.queryString = "a=" + "&a=".repeat(9_999);
        assertThat(accept(call).get("requestParameters").get("a").size()).isEqualTo(10_000);
        assertCloudTrailReadsAll();
    }

    @Test
    void oneMegabyteHeaderValues() throws Exception {
        String mb = "\u00e9".repeat(512 * 1024);
        CapturedCall call = Calls.post("/" + mb);
        ServedCall s = call.served;
        s.userAgent = mb;
        s.host = mb;
        s.requestIdHeader = mb;
        s.principalName = mb;
        s.remoteAddr = "10.0.0.1";
        s.forwardedFor = "10.0.0.2, ".repeat(100_000) + "10.0.0.3";
        s.thrown = new RuntimeException(mb);
        s.secure = true;
        s.tlsProtocol = mb;
        s.tlsCipherSuite = mb;
        s.queryString = "x=" + mb;
        JsonNode n = accept(call);
        assertThat(n.get("userAgent").textValue()).hasSize(512);
        assertThat(n.get("eventSource").textValue()).hasSize(512);
        assertThat(n.get("sourceIPAddress").textValue()).isEqualTo("10.0.0.2");

        s.authorization = "Bearer " + "a".repeat(1024 * 1024) + ".b.c";
        s.principalName = null;
        accept(call);
        s.authorization = "AWS4-HMAC-SHA256 Credential=" + "A".repeat(1024 * 1024) + "/";
        assertThat(accept(call).get("userIdentity").toString()).isEqualTo("{\"type\":\"Unknown\"}");
        assertCloudTrailReadsAll();
    }

    @Test
    void deeplyNestedAndHugeJsonBodies() throws Exception {
        CapturedCall deep = Calls.jsonBody("{\"a\":" + "[".repeat(5000) + "]".repeat(5000) + "}");
        assertThat(accept(deep).get("requestParameters").get("body").get("reason").textValue()).isEqualTo("malformed");

        StringBuilder big = new StringBuilder("{\"items\":[");
        for (int i = 0; i < 20_000; i++) {
            big.append(i == 0 ? "" : ",").append("{\"id\":").append(i).append(",\"token\":\"t\"}");
        }
        CapturedCall huge = Calls.jsonBody(big.append("]}").toString());
        assertThat(accept(huge).get("requestParameters").get("omitted").booleanValue()).isTrue();
        assertCloudTrailReadsAll();
    }
}
