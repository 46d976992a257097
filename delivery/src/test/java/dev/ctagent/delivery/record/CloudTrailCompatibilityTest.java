package dev.ctagent.delivery.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.cloudtrail.processinglibrary.model.CloudTrailEvent;
import com.amazonaws.services.cloudtrail.processinglibrary.model.CloudTrailEventData;
import com.fasterxml.jackson.databind.JsonNode;
import dev.ctagent.runtime.capture.CapturedCall;
import dev.ctagent.runtime.capture.DropCounter;
import java.lang.reflect.Constructor;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Records of every kind, read back by the CloudTrail Processing Library. */
class CloudTrailCompatibilityTest {
    private final RecordSerializer serializer = new RecordSerializer(TestConfigs.config());

    static DropCounter.DroppedInterval interval(long count, long first, long last) throws Exception {
        Constructor<DropCounter.DroppedInterval> c =
                DropCounter.DroppedInterval.class.getDeclaredConstructor(long.class, long.class, long.class);
        c.setAccessible(true);
        return c.newInstance(count, first, last);
    }

    @Test
    void everyKindOfRecordIsReadWithItsFields() throws Exception {
        List<byte[]> records = new ArrayList<>();
        List<JsonNode> written = new ArrayList<>();

        CapturedCall read = Calls.get();
        read.served.userAgent = "aws-cli/2.15";
        read.served.authorization = UserIdentityTest.sigV4("AKIAIOSFODNN7EXAMPLE");
        read.served.queryString = "page=2";
        CapturedCall write = Calls.jsonBody("{\"name\":\"Rex\",\"tags\":[\"a\"]}");
        write.eventTimeMillis = Calls.TIME + 1000;
        write.served.status = 201;
        write.served.secure = true;
        write.served.tlsProtocol = "TLSv1.3";
        write.served.tlsCipherSuite = "TLS_AES_128_GCM_SHA256";
        write.served.authorization = "Bearer " + UserIdentityTest.jwt("{\"iss\":\"https://idp\",\"sub\":\"u\"}");
        CapturedCall failed = Calls.post("/owners");
        failed.served.thrown = new IllegalStateException("nope");
        CapturedCall anonymous = Calls.get();
        anonymous.served.status = 404;

        for (CapturedCall c : List.of(read, write, failed, anonymous)) {
            SerializedRecord r = serializer.serialize(c);
            records.add(Calls.copy(r));
            written.add(StrictJson.parse(r));
        }
        SerializedRecord dropped = serializer.droppedEvents(interval(3, Calls.TIME - 5000, Calls.TIME), Calls.TIME + 2000);
        records.add(Calls.copy(dropped));
        written.add(StrictJson.parse(dropped));

        List<CloudTrailEvent> events = CloudTrailParserCheck.parseAll(CloudTrailParserCheck.logFileOf(records));

        assertThat(events).hasSize(5);
        for (int i = 0; i < events.size(); i++) {
            CloudTrailEventData d = events.get(i).getEventData();
            JsonNode w = written.get(i);
            assertThat(d.getEventId()).isEqualTo(UUID.fromString(w.get("eventID").textValue()));
            assertThat(d.getEventVersion()).isEqualTo("1.11");
            assertThat(d.isReadOnly()).isEqualTo(w.get("readOnly").booleanValue());
            assertThat(d.isManagementEvent()).isTrue();
            assertThat(d.getAwsRegion()).isEqualTo("eu-west-1");
            assertThat(d.getRecipientAccountId()).isEqualTo("111122223333");
            assertThat(d.getAccountId()).isEqualTo("111122223333");
            assertThat(d.getEventSource()).isEqualTo(w.get("eventSource").textValue());
            assertThat(d.getEventName()).isEqualTo(w.get("eventName").textValue());
            assertThat(d.getRequestId()).isEqualTo(w.get("requestID").textValue());
            assertThat(d.getUserIdentity().getIdentityType()).isEqualTo(w.get("userIdentity").get("type").textValue());
        }
        assertThat(events.get(0).getEventData().getEventTime()).isEqualTo(new Date(Calls.TIME / 1000 * 1000));
        assertThat(events.get(0).getEventData().getUserAgent()).isEqualTo("aws-cli/2.15");
        assertThat(events.get(0).getEventData().getUserIdentity().getAccessKeyId()).isEqualTo("AKIAIOSFODNN7EXAMPLE");
        assertThat(events.get(0).getEventData().getRequestParameters()).isEqualTo("{\"page\":\"2\"}");
        assertThat(events.get(0).getEventData().getResponseElements()).isNull();
        assertThat(events.get(1).getEventData().getEventTime()).isEqualTo(new Date(Calls.TIME / 1000 * 1000 + 1000));
        assertThat(events.get(1).getEventData().getResponseElements()).isEqualTo("{\"httpStatus\":201}");
        assertThat(events.get(1).getEventData().getUserIdentity().getIdentityProvider()).isEqualTo("https://idp");
        assertThat(events.get(2).getEventData().getErrorCode()).isEqualTo("IllegalStateException");
        assertThat(events.get(2).getEventData().getErrorMessage()).isEqualTo("nope");
        assertThat(events.get(3).getEventData().getErrorCode()).isEqualTo("NotFound");
        assertThat(events.get(3).getEventData().getUserIdentity().getPrincipalId()).isEmpty();
        assertThat(events.get(4).getEventData().getEventType()).isEqualTo("AwsServiceEvent");
        assertThat(events.get(4).getEventData().getServiceEventDetails()).contains("\"droppedEvents\":3");
        assertThat(events.get(4).getEventData().getUserIdentity().getInvokedBy()).isEqualTo("ct-agent");
    }

    @Test
    void theCheckRejectsWhatTheLibraryRejects() {
        byte[] badId = "{\"Records\":[{\"eventVersion\":\"1.11\",\"eventID\":\"not-a-uuid\"}]}".getBytes();
        assertThatThrownBy(() -> CloudTrailParserCheck.parseAll(badId)).isInstanceOf(IllegalArgumentException.class);
        byte[] fractional = "{\"Records\":[{\"eventTime\":\"2026-01-02T03:04:05.123Z\"}]}".getBytes();
        assertThatThrownBy(() -> CloudTrailParserCheck.parseAll(fractional)).isInstanceOf(java.io.IOException.class);
        byte[] notFirst = "{\"x\":1,\"Records\":[]}".getBytes();
        assertThatThrownBy(() -> CloudTrailParserCheck.parseAll(notFirst)).isInstanceOf(java.io.IOException.class);
        byte[] trailing = "{\"Records\":[]}{}".getBytes();
        assertThatThrownBy(() -> CloudTrailParserCheck.parseAll(trailing)).isInstanceOf(java.io.IOException.class);
    }
}
