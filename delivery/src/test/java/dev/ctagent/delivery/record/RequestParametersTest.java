package dev.ctagent.delivery.record;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ctagent.runtime.capture.CapturedCall;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RequestParametersTest {
    private final RecordSerializer serializer = new RecordSerializer(TestConfigs.config());

    private JsonNode params(CapturedCall call) {
        return StrictJson.parse(serializer.serialize(call)).get("requestParameters");
    }

    private JsonNode query(String queryString) {
        CapturedCall call = Calls.get();
        call.served.queryString = queryString;
        return params(call);
    }

    @Test
    void queryParametersArePercentDecodedAsUtf8() {
        assertThat(query("name=J%C3%BCrgen+M%C3%BCller&city=K%C3%B6ln&empty=&flag").toString()).isEqualTo(
                "{\"name\":\"Jürgen Müller\",\"city\":\"Köln\",\"empty\":\"\",\"flag\":\"\"}");
    }

    @Test
    void malformedEncodingsDecodeLeniently() {
        JsonNode p = query("bad=%FF%FE&cut=%E2%82&lone=%&short=%4&notHex=%zz&utf16=%uD800");
        assertThat(p.get("bad").textValue()).isEqualTo("\uFFFD\uFFFD");
        assertThat(p.get("cut").textValue()).isEqualTo("\uFFFD");
        assertThat(p.get("lone").textValue()).isEqualTo("%");
        assertThat(p.get("short").textValue()).isEqualTo("%4");
        assertThat(p.get("notHex").textValue()).isEqualTo("%zz");
        assertThat(p.get("utf16").textValue()).isEqualTo("%uD800");
    }

    @Test
    void rawNonAsciiAndEmptySegmentsAreHandled() {
        JsonNode p = query("&&x=\u00e9%20\uD83D\uDE00&&y=\uDC00&");
        assertThat(p.get("x").textValue()).isEqualTo("\u00e9 \uD83D\uDE00");
        assertThat(p.get("y").textValue()).isEqualTo("\uFFFD");
        assertThat(p.size()).isEqualTo(2);
    }

    @Test
    void repeatedNamesBecomeArraysInOrderAcrossQueryAndForm() {
        CapturedCall call = Calls.post("/search");
        call.served.queryString = "tag=a&page=2&tag=b";
        call.served.formParameters = new String[] {"tag", "c", "q", "pets", "nullValue", null, null, "ignored"};
        assertThat(params(call).toString()).isEqualTo(
                "{\"tag\":[\"a\",\"b\",\"c\"],\"page\":\"2\",\"q\":\"pets\",\"nullValue\":\"\"}");
    }

    @Test
    void noParametersAtAllIsNull() {
        assertThat(query(null).isNull()).isTrue();
        assertThat(query("").isNull()).isTrue();
        assertThat(query("&&").isNull()).isTrue();
    }

    @Test
    void jsonObjectBodyFieldsMergeAtTopLevelKeepingTheirTypes() {
        CapturedCall call = Calls.jsonBody("{\"name\":\"Rex\",\"age\":3,\"weight\":12.50,\"big\":123456789012345678901234567890,"
                + "\"vaccinated\":true,\"owner\":null,\"tags\":[\"good\",{\"boy\":false}],\"dup\":1,\"dup\":2}");
        call.served.queryString = "dry=run&name=q";
        SerializedRecord r = serializer.serialize(call);
        assertThat(new String(r.bytes, 0, r.length, StandardCharsets.UTF_8))
                .contains("\"weight\":12.50,\"big\":123456789012345678901234567890,"); // numbers as sent
        assertThat(StrictJson.parse(r).get("requestParameters").toString()).isEqualTo(
                "{\"dry\":\"run\",\"name\":[\"q\",\"Rex\"],\"age\":3,"
                + "\"weight\":12.5,\"big\":123456789012345678901234567890,\"vaccinated\":true,\"owner\":null,"
                + "\"tags\":[\"good\",{\"boy\":false}],\"dup\":[1,2]}");
    }

    @Test
    void nestedDuplicateKeysKeepTheLastValue() {
        assertThat(params(Calls.jsonBody("{\"o\":{\"k\":1,\"k\":2}}")).toString()).isEqualTo("{\"o\":{\"k\":2}}");
    }

    @Test
    void otherJsonBodiesGoUnderBody() {
        assertThat(params(Calls.jsonBody("[1,\"two\",{\"password\":\"x\"}]")).toString())
                .isEqualTo("{\"body\":[1,\"two\",{\"password\":\"HIDDEN_DUE_TO_SECURITY_REASONS\"}]}");
        assertThat(params(Calls.jsonBody("\"just text\"")).toString()).isEqualTo("{\"body\":\"just text\"}");
        assertThat(params(Calls.jsonBody("  ")).isNull()).isTrue();
    }

    @Test
    void truncatedOrMalformedBodiesAreOmittedWithAReason() {
        CapturedCall truncated = Calls.jsonBody("{\"a\":1");
        truncated.served.bodyTruncated = true;
        assertThat(params(truncated).toString()).isEqualTo("{\"body\":{\"omitted\":true,\"reason\":\"truncated\"}}");

        for (String bad : new String[] {"{\"a\":1", "{\"a\":1}}", "{\"a\":1} trailing", "{'a':1}", "[1,]", "{\"a\":NaN}",
                "[".repeat(200) + "]".repeat(200)}) {
            CapturedCall call = Calls.jsonBody(bad);
            call.served.queryString = "kept=yes";
            assertThat(params(call).toString()).as(bad)
                    .isEqualTo("{\"kept\":\"yes\",\"body\":{\"omitted\":true,\"reason\":\"malformed\"}}");
        }
    }

    @Test
    void invalidUtf8BodyIsOmittedAsMalformed() {
        CapturedCall call = Calls.jsonBody("{}");
        call.served.body = new byte[] {'{', '"', 'a', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'};
        call.served.bodyLength = call.served.body.length;
        assertThat(params(call).toString()).isEqualTo("{\"body\":{\"omitted\":true,\"reason\":\"malformed\"}}");

        call.served.body = new byte[] {'{', '"', (byte) 0xFF, '"', ':', '1', '}'};
        call.served.bodyLength = call.served.body.length;
        assertThat(params(call).toString()).isEqualTo("{\"body\":{\"omitted\":true,\"reason\":\"malformed\"}}");
    }

    @Test
    void onlyTheCapturedLengthOfTheBodyIsRead() {
        CapturedCall call = Calls.jsonBody("{\"a\":1}GARBAGE-BEYOND-LENGTH");
        call.served.bodyLength = 7;
        assertThat(params(call).toString()).isEqualTo("{\"a\":1}");
    }

    @Test
    void bodiesOfOtherContentTypesAreIgnored() {
        CapturedCall call = Calls.jsonBody("{\"a\":1}");
        call.served.contentType = "text/plain";
        assertThat(params(call).isNull()).isTrue();
        call.served.contentType = "application/vnd.api+JSON";
        assertThat(params(call).toString()).isEqualTo("{\"a\":1}");
        call.served.contentType = null;
        assertThat(params(call).isNull()).isTrue();
    }

    @Test
    void secretNamesAreRedactedAtEveryDepthWhateverTheValue() {
        CapturedCall call = Calls.jsonBody("{\"user\":{\"name\":\"u\",\"newPassword\":\"p\",\"apiKeys\":[1]},"
                + "\"SessionId\":{\"deep\":[\"x\"]},\"list\":[{\"x-Auth-TOKEN\":\"t\"}]}");
        call.served.queryString = "Client_Secret=s&client_secret=t&plain=v";
        assertThat(params(call).toString()).isEqualTo("{\"Client_Secret\":\"HIDDEN_DUE_TO_SECURITY_REASONS\","
                + "\"client_secret\":\"HIDDEN_DUE_TO_SECURITY_REASONS\",\"plain\":\"v\","
                + "\"user\":{\"name\":\"u\",\"newPassword\":\"HIDDEN_DUE_TO_SECURITY_REASONS\","
                + "\"apiKeys\":\"HIDDEN_DUE_TO_SECURITY_REASONS\"},"
                + "\"SessionId\":\"HIDDEN_DUE_TO_SECURITY_REASONS\","
                + "\"list\":[{\"x-Auth-TOKEN\":\"HIDDEN_DUE_TO_SECURITY_REASONS\"}]}");
    }

    @Test
    void redactKeysComeFromConfiguration() {
        RecordSerializer custom = new RecordSerializer(TestConfigs.config("ct.redact.keys", "ssn,Card"));
        CapturedCall call = Calls.get();
        call.served.queryString = "customerSSN=1&creditCardNo=2&password=3";
        assertThat(StrictJson.parse(custom.serialize(call)).get("requestParameters").toString()).isEqualTo(
                "{\"customerSSN\":\"HIDDEN_DUE_TO_SECURITY_REASONS\",\"creditCardNo\":\"HIDDEN_DUE_TO_SECURITY_REASONS\","
                        + "\"password\":\"3\"}");
    }

    @Test
    void moreThanAThousandDistinctNamesAreCountedNotWritten() {
        StringBuilder q = new StringBuilder();
        for (int i = 0; i < 1005; i++) {
            q.append("p").append(i).append("=v&");
        }
        q.append("p0=again&p1004=late");
        JsonNode p = query(q.toString());
        assertThat(p.size()).isEqualTo(1001);
        assertThat(p.get("p0").toString()).isEqualTo("[\"v\",\"again\"]");
        assertThat(p.has("p999")).isTrue();
        assertThat(p.has("p1000")).isFalse();
        assertThat(p.get("ctTruncatedParameters").intValue()).isEqualTo(6);
    }

    @Test
    void overOneHundredKilobytesIsReplacedByItsSize() throws Exception {
        Map<String, String> expected = new LinkedHashMap<>();
        StringBuilder q = new StringBuilder();
        for (int i = 0; i < 60; i++) {
            String v = "v" + "x".repeat(2000) + i;
            expected.put("k" + i, v);
            q.append("k").append(i).append('=').append(v).append('&');
        }
        int size = new ObjectMapper().writeValueAsBytes(expected).length;
        assertThat(size).isGreaterThan(CappedObjectWriter.MAX_BYTES);

        CapturedCall call = Calls.post("/big");
        call.served.queryString = q.toString();
        call.served.userAgent = "after-the-cap";
        SerializedRecord r = serializer.serialize(call);
        JsonNode n = StrictJson.parse(r);
        assertThat(n.get("requestParameters").toString())
                .isEqualTo("{\"omitted\":true,\"originalSizeBytes\":" + size + "}");
        assertThat(n.get("responseElements").toString()).isEqualTo("{\"httpStatus\":200}");
        assertThat(n.get("userAgent").textValue()).isEqualTo("after-the-cap");
        assertThat(r.length).isLessThan(2048);
    }

    @Test
    void exactlyOneHundredKilobytesIsKept() {
        String prefix = "{\"k\":\"";
        int valueLength = CappedObjectWriter.MAX_BYTES - prefix.length() - 2;
        CapturedCall call = Calls.get();
        call.served.queryString = "k=" + "v".repeat(valueLength);
        assertThat(params(call).get("k").textValue()).hasSize(valueLength);

        call.served.queryString = "k=" + "v".repeat(valueLength + 1);
        assertThat(params(call).toString())
                .isEqualTo("{\"omitted\":true,\"originalSizeBytes\":" + (CappedObjectWriter.MAX_BYTES + 1) + "}");
    }

    @Test
    void parametersDoNotLeakIntoTheNextRecord() {
        CapturedCall call = Calls.get();
        call.served.queryString = "a=1";
        params(call);
        assertThat(params(Calls.get()).isNull()).isTrue();
        SerializedRecord r = serializer.serialize(Calls.jsonBody("{\"b\":2}"));
        assertThat(new String(r.bytes, 0, r.length, StandardCharsets.UTF_8)).doesNotContain("\"a\":");
    }
}
