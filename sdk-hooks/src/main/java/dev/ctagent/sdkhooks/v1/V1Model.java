package dev.ctagent.sdkhooks.v1;

import com.amazonaws.AmazonServiceException;
import com.amazonaws.Response;
import com.amazonaws.auth.AWSCredentials;
import com.amazonaws.auth.AWSSessionCredentials;
import com.amazonaws.http.HttpResponse;
import dev.ctagent.bridge.ModelWriter;
import dev.ctagent.bridge.SdkModel;
import dev.ctagent.sdkhooks.ScalarValues;
import java.lang.reflect.Method;
import java.nio.ByteBuffer;
import java.util.Collection;
import java.util.Date;
import java.util.Map;
import java.util.Set;

/**
 * Reads SDK v1 model objects through their bean getters ({@link V1Getters}): nested model objects, lists
 * and maps are followed; blobs give their length only; streams and files are never touched. Members the
 * model marks sensitive ({@link V1Sensitivity}) and S3's customer-provided keys are hidden. Writer thread
 * only. v1 requests are mutable: what is written is the request as it is when the writer reads it, which
 * is the request as sent unless the application changes and reuses it at once.
 */
final class V1Model implements SdkModel {
    private static final String[] REQUEST_ID_HEADERS = {"x-amzn-RequestId", "x-amz-request-id", "x-amzn-requestid"};
    private final V1Sensitivity sensitivity = new V1Sensitivity();

    @Override
    public void write(Object pojo, ModelWriter out) {
        Object model = pojo instanceof Response ? ((Response<?>) pojo).getAwsResponse() : pojo;
        if (model != null && V1Getters.isModel(model.getClass())) {
            writeModel(model, out, 0);
        } else {
            out.nullValue();
        }
    }

    private void writeModel(Object pojo, ModelWriter out, int depth) {
        Set<String> sensitive = sensitivity.of(pojo.getClass());
        out.startObject();
        for (Map.Entry<String, Method> member : V1Getters.of(pojo.getClass()).entrySet()) {
            Object value;
            try {
                value = member.getValue().invoke(pojo);
            } catch (ReflectiveOperationException | RuntimeException e) {
                continue;
            }
            if (value == null || !writable(value) || !out.member(member.getKey())) {
                continue;
            }
            if (sensitive.contains(member.getKey()) || isCustomerKey(value)) {
                out.hidden();
            } else {
                writeValue(value, out, depth + 1);
            }
        }
        out.endObject();
    }

    /** Members of other types (handlers, clients, anything not data) are left out entirely. */
    private static boolean writable(Object v) {
        return v instanceof String || v instanceof Number || v instanceof Boolean || v instanceof Date
                || v instanceof Enum || v instanceof ByteBuffer || v instanceof byte[] || v instanceof Collection
                || v instanceof Map || V1Getters.isModel(v.getClass());
    }

    /** S3's SSE-C key classes are hand-written, so no model marks them: their key material is never read. */
    private static boolean isCustomerKey(Object v) {
        return v.getClass().getSimpleName().equals("SSECustomerKey");
    }

    private void writeValue(Object v, ModelWriter out, int depth) {
        if (depth > ModelWriter.MAX_DEPTH) {
            out.nullValue();
        } else if (ScalarValues.write(v, out)) {
            // text, a boolean, a number or a time: written
        } else if (v instanceof Enum) {
            out.string(v.toString()); // v1 enums' toString is the service's value
        } else if (v instanceof ByteBuffer) {
            out.byteLength(((ByteBuffer) v).remaining());
        } else if (v instanceof byte[]) {
            out.byteLength(((byte[]) v).length);
        } else if (v instanceof Collection) {
            out.startArray();
            for (Object e : (Collection<?>) v) {
                if (e == null || writable(e)) {
                    if (e == null) {
                        out.nullValue();
                    } else {
                        writeValue(e, out, depth + 1);
                    }
                }
            }
            out.endArray();
        } else if (v instanceof Map) {
            out.startObject();
            for (Map.Entry<?, ?> e : ((Map<?, ?>) v).entrySet()) {
                Object value = e.getValue();
                if (e.getKey() != null && (value == null || writable(value)) && out.key(e.getKey().toString())) {
                    if (value == null) {
                        out.nullValue();
                    } else {
                        writeValue(value, out, depth + 1);
                    }
                }
            }
            out.endObject();
        } else if (isCustomerKey(v)) {
            out.hidden();
        } else {
            writeModel(v, out, depth);
        }
    }

    @Override
    public String member(Object pojo, String path) {
        Object current = pojo instanceof Response ? ((Response<?>) pojo).getAwsResponse() : pojo;
        int from = 0;
        while (current != null && V1Getters.isModel(current.getClass())) {
            int dot = path.indexOf('.', from);
            String name = dot < 0 ? path.substring(from) : path.substring(from, dot);
            Method getter = V1Getters.of(current.getClass()).get(name);
            Object next;
            try {
                next = getter == null ? null : getter.invoke(current);
            } catch (ReflectiveOperationException | RuntimeException e) {
                return null;
            }
            if (dot < 0) {
                return next instanceof String ? (String) next : null;
            }
            current = next;
            from = dot + 1;
        }
        return null;
    }

    @Override
    public String userAgent(Object response) {
        return null; // the handler passes it directly
    }

    @Override
    public String requestId(Object response, Throwable error) {
        if (error instanceof AmazonServiceException) {
            String id = ((AmazonServiceException) error).getRequestId();
            if (id != null && !id.isEmpty()) {
                return id;
            }
        }
        if (response instanceof Response) {
            HttpResponse http = ((Response<?>) response).getHttpResponse();
            Map<String, String> headers = http == null ? null : http.getHeaders();
            if (headers != null) {
                for (String h : REQUEST_ID_HEADERS) {
                    String id = headers.get(h);
                    if (id != null && !id.isEmpty()) {
                        return id;
                    }
                }
            }
        }
        return null;
    }

    @Override
    public String errorCode(Throwable error) {
        if (error instanceof AmazonServiceException) {
            String code = ((AmazonServiceException) error).getErrorCode();
            if (code != null && !code.isEmpty()) {
                return code;
            }
        }
        return error == null ? null : error.getClass().getSimpleName();
    }

    @Override
    public String errorMessage(Throwable error) {
        if (error instanceof AmazonServiceException) {
            String message = ((AmazonServiceException) error).getErrorMessage();
            if (message != null) {
                return message;
            }
        }
        return error == null ? null : error.getMessage();
    }

    @Override
    public String accessKeyId(Object credentials) {
        return credentials instanceof AWSCredentials ? ((AWSCredentials) credentials).getAWSAccessKeyId() : null;
    }

    @Override
    public boolean sessionCredentials(Object credentials) {
        return credentials instanceof AWSSessionCredentials;
    }
}
