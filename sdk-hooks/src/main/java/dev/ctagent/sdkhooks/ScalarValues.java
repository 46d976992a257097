package dev.ctagent.sdkhooks;

import dev.ctagent.bridge.ModelWriter;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.util.Date;

/** The plain values both SDKs' models hold, written the same way for v2 and v1. */
public final class ScalarValues {
    private ScalarValues() {}

    /** Writes {@code v} when it is text, a boolean, a number or a time; false when it is none of these. */
    public static boolean write(Object v, ModelWriter out) {
        if (v instanceof String) {
            out.string((String) v);
        } else if (v instanceof Boolean) {
            out.bool((Boolean) v);
        } else if (v instanceof Integer || v instanceof Long || v instanceof Short || v instanceof Byte) {
            out.number(((Number) v).longValue());
        } else if (v instanceof Double || v instanceof Float) {
            out.number(((Number) v).doubleValue());
        } else if (v instanceof BigDecimal) {
            out.number((BigDecimal) v);
        } else if (v instanceof BigInteger) {
            out.number(new BigDecimal((BigInteger) v));
        } else if (v instanceof Instant) {
            out.timestamp((Instant) v);
        } else if (v instanceof Date) {
            out.timestamp(((Date) v).toInstant());
        } else {
            return false;
        }
        return true;
    }
}
