package dev.ctagent.delivery.record;

import dev.ctagent.bridge.ModelWriter;
import dev.ctagent.bridge.SdkModel;
import java.util.List;
import java.util.Map;

/**
 * An {@link SdkModel} over plain maps, standing in for an SDK's model objects in the writer's tests (the
 * real SDK v2 and v1 models are tested with real SDK classes in the sdk-hooks module). Values: String,
 * Number, Boolean, nested Map (a structure), List, {@code byte[]} (a blob), {@link #SENSITIVE}.
 * "Response" maps may carry {@code $requestId}; errors are {@link ServiceError}.
 */
final class MapModel implements SdkModel {
    /** A member the fake model marks sensitive. */
    static final Object SENSITIVE = new Object();

    static final class ServiceError extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final String code;
        final String requestId;

        ServiceError(String code, String message, String requestId) {
            super(message);
            this.code = code;
            this.requestId = requestId;
        }
    }

    @Override
    public void write(Object pojo, ModelWriter out) {
        writeValue(pojo, out);
    }

    @SuppressWarnings("unchecked")
    private void writeValue(Object v, ModelWriter out) {
        if (v instanceof Map) {
            out.startObject();
            for (Map.Entry<String, Object> e : ((Map<String, Object>) v).entrySet()) {
                if (e.getKey().startsWith("$")) {
                    continue;
                }
                if (!out.member(e.getKey())) {
                    continue;
                }
                if (e.getValue() == SENSITIVE) {
                    out.hidden();
                } else {
                    writeValue(e.getValue(), out);
                }
            }
            out.endObject();
        } else if (v instanceof List) {
            out.startArray();
            ((List<Object>) v).forEach(e -> writeValue(e, out));
            out.endArray();
        } else if (v instanceof String) {
            out.string((String) v);
        } else if (v instanceof Boolean) {
            out.bool((Boolean) v);
        } else if (v instanceof Double) {
            out.number((Double) v);
        } else if (v instanceof Number) {
            out.number(((Number) v).longValue());
        } else if (v instanceof byte[]) {
            out.byteLength(((byte[]) v).length);
        } else {
            out.nullValue();
        }
    }

    @Override
    @SuppressWarnings("unchecked")
    public String member(Object pojo, String path) {
        Object current = pojo;
        for (String segment : path.split("\\.")) {
            if (!(current instanceof Map)) {
                return null;
            }
            current = ((Map<String, Object>) current).get(segment);
        }
        return current instanceof String ? (String) current : null;
    }

    @Override
    public String userAgent(Object response) {
        return null;
    }

    @Override
    @SuppressWarnings("unchecked")
    public String requestId(Object response, Throwable error) {
        if (error instanceof ServiceError) {
            return ((ServiceError) error).requestId;
        }
        return response instanceof Map ? (String) ((Map<String, Object>) response).get("$requestId") : null;
    }

    @Override
    public String errorCode(Throwable error) {
        return error instanceof ServiceError ? ((ServiceError) error).code : error.getClass().getSimpleName();
    }

    @Override
    public String errorMessage(Throwable error) {
        return error.getMessage();
    }

    @Override
    public String accessKeyId(Object credentials) {
        return credentials instanceof String ? ((String) credentials).split(":")[0] : null;
    }

    @Override
    public boolean sessionCredentials(Object credentials) {
        return credentials instanceof String && ((String) credentials).contains(":");
    }
}
