package dev.ctagent.delivery.writer;

import dev.ctagent.delivery.record.CallSerializer;
import dev.ctagent.delivery.record.SerializedRecord;
import dev.ctagent.runtime.capture.CapturedCall;
import dev.ctagent.runtime.capture.DropCounter.DroppedInterval;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Test stand-in for the real RecordSerializer: small valid records carrying the call's request URI as
 * {@code requestID}, and an EventsDropped record carrying the drop count. Can be made slow.
 */
public final class FakeSerializer implements CallSerializer {
    private final SerializedRecord record = new SerializedRecord();
    private final long delayNanos;

    public FakeSerializer() {
        this(0);
    }

    public FakeSerializer(long delayMillis) {
        this.delayNanos = TimeUnit.MILLISECONDS.toNanos(delayMillis);
    }

    @Override
    public SerializedRecord serialize(CapturedCall call) {
        if (call.kind == CapturedCall.SKIP) {
            return null;
        }
        if (delayNanos > 0) {
            LockSupport.parkNanos(delayNanos);
        }
        return fill("{\"eventVersion\":\"1.11\",\"eventTime\":\"" + time(call.eventTimeMillis) + "\","
                + "\"eventName\":\"GetThing\",\"eventCategory\":\"Management\",\"eventID\":\"" + UUID.randomUUID()
                + "\",\"requestID\":\"" + call.served.requestUri + "\"}", call.eventTimeMillis);
    }

    @Override
    public SerializedRecord droppedEvents(DroppedInterval dropped, long nowMillis) {
        return fill("{\"eventVersion\":\"1.11\",\"eventTime\":\"" + time(nowMillis) + "\",\"eventName\":\"EventsDropped\","
                + "\"eventCategory\":\"Management\",\"eventID\":\"" + UUID.randomUUID() + "\","
                + "\"additionalEventData\":{\"droppedCount\":" + dropped.count + "}}", nowMillis);
    }

    private SerializedRecord fill(String json, long eventTimeMillis) {
        record.bytes = json.getBytes(StandardCharsets.UTF_8);
        record.length = record.bytes.length;
        record.eventTimeMillis = eventTimeMillis;
        return record;
    }

    private static String time(long millis) {
        return Instant.ofEpochMilli(millis).truncatedTo(ChronoUnit.SECONDS).toString();
    }
}
