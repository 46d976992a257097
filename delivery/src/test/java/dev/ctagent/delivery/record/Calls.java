package dev.ctagent.delivery.record;

import dev.ctagent.runtime.capture.CapturedCall;
import dev.ctagent.runtime.capture.ServedCall;
import java.util.Arrays;

/** Captured calls as an application thread would fill them, with plain defaults. */
final class Calls {
    /** 2026-01-02T03:04:05.678Z */
    static final long TIME = 1767323045678L;

    private Calls() {
    }

    /** {@code GET /owners/1} from 192.0.2.10 to api.example.com:8080, status 200, nothing else. */
    static CapturedCall get() {
        CapturedCall call = new CapturedCall();
        call.kind = CapturedCall.SERVED;
        call.eventTimeMillis = TIME;
        ServedCall s = call.served;
        s.method = "GET";
        s.requestUri = "/owners/1";
        s.host = "api.example.com:8080";
        s.remoteAddr = "192.0.2.10";
        s.status = 200;
        return call;
    }

    static CapturedCall post(String uri) {
        CapturedCall call = get();
        call.served.method = "POST";
        call.served.requestUri = uri;
        return call;
    }

    static CapturedCall jsonBody(String json) {
        CapturedCall call = post("/things");
        call.served.contentType = "application/json; charset=utf-8";
        call.served.body = json.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        call.served.bodyLength = call.served.body.length;
        return call;
    }

    /** The record's bytes copied out (the serializer reuses its buffer). */
    static byte[] copy(SerializedRecord r) {
        return Arrays.copyOf(r.bytes, r.length);
    }
}
