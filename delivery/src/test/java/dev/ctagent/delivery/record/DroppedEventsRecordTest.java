package dev.ctagent.delivery.record;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class DroppedEventsRecordTest {
    @Test
    void statesTheDropsAsAnAgentServiceEvent() throws Exception {
        RecordSerializer serializer = new RecordSerializer(TestConfigs.config("ct.buffer.capacity", "1000"));
        long now = Calls.TIME + 60_000;
        SerializedRecord r = serializer.droppedEvents(
                CloudTrailCompatibilityTest.interval(42, Calls.TIME, Calls.TIME + 1500), now);

        assertThat(r.eventTimeMillis).isEqualTo(now);
        JsonNode n = StrictJson.parse(r);
        List<String> keys = new ArrayList<>();
        n.fieldNames().forEachRemaining(keys::add);
        assertThat(keys).containsExactly("eventVersion", "userIdentity", "eventTime", "eventSource", "eventName",
                "awsRegion", "sourceIPAddress", "requestParameters", "responseElements", "requestID", "eventID",
                "readOnly", "eventType", "managementEvent", "recipientAccountId", "serviceEventDetails",
                "eventCategory");
        assertThat(n.get("userIdentity").toString()).isEqualTo("{\"type\":\"AWSService\",\"invokedBy\":\"ct-agent\"}");
        assertThat(n.get("eventTime").textValue()).isEqualTo("2026-01-02T03:05:05Z");
        assertThat(n.get("eventSource").textValue()).isEqualTo("ct-agent");
        assertThat(n.get("eventName").textValue()).isEqualTo("EventsDropped");
        assertThat(n.get("sourceIPAddress").textValue()).isEqualTo("ct-agent");
        assertThat(n.get("requestParameters").isNull()).isTrue();
        assertThat(n.get("responseElements").isNull()).isTrue();
        assertThat(UUID.fromString(n.get("requestID").textValue())).isNotEqualTo(UUID.fromString(n.get("eventID").textValue()));
        assertThat(n.get("readOnly").isBoolean()).isTrue();
        assertThat(n.get("eventType").textValue()).isEqualTo("AwsServiceEvent");
        assertThat(n.get("managementEvent").booleanValue()).isTrue();
        assertThat(n.get("serviceEventDetails").toString()).isEqualTo("{\"droppedEvents\":42,"
                + "\"firstDropTime\":\"2026-01-02T03:04:05Z\",\"lastDropTime\":\"2026-01-02T03:04:07Z\","
                + "\"reason\":\"ring buffer full\",\"bufferCapacity\":1024}");
        assertThat(n.get("eventCategory").textValue()).isEqualTo("Management");
    }
}
