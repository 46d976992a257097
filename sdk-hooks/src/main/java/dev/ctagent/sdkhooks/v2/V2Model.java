package dev.ctagent.sdkhooks.v2;

import dev.ctagent.bridge.ModelWriter;
import dev.ctagent.bridge.SdkModel;
import dev.ctagent.sdkhooks.ScalarValues;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionException;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.awscore.AwsResponse;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkNumber;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.core.SdkResponse;
import software.amazon.awssdk.core.document.Document;
import software.amazon.awssdk.core.exception.SdkServiceException;
import software.amazon.awssdk.core.util.SdkAutoConstructList;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.util.SdkAutoConstructMap;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.SdkHttpResponse;

/**
 * Reads SDK v2 model objects through the SDK's own metadata: {@link SdkPojo#sdkFields()} names every
 * member and reads it; nested structures, lists and maps are followed; blobs give their length only.
 * Members the model marks sensitive ({@link V2Sensitivity}) are hidden. Writer thread only.
 */
final class V2Model implements SdkModel {
    private static final String UNKNOWN_REQUEST_ID = "UNKNOWN";
    private static final String[] REQUEST_ID_HEADERS = {"x-amzn-RequestId", "x-amz-request-id"};
    private final V2Sensitivity sensitivity = new V2Sensitivity();

    @Override
    public void write(Object pojo, ModelWriter out) {
        Object model = responseOf(pojo);
        if (model instanceof SdkPojo) {
            writePojo((SdkPojo) model, out, 0);
        } else {
            out.nullValue();
        }
    }

    private void writePojo(SdkPojo pojo, ModelWriter out, int depth) {
        Set<String> sensitive = sensitivity.of(pojo.getClass());
        out.startObject();
        for (SdkField<?> field : pojo.sdkFields()) {
            Object value = field.getValueOrDefault(pojo);
            if (absent(value)) {
                continue;
            }
            if (!out.member(field.memberName())) {
                continue;
            }
            if (sensitive.contains(field.memberName())) {
                out.hidden();
            } else {
                writeValue(value, out, depth + 1);
            }
        }
        out.endObject();
    }

    private void writeValue(Object v, ModelWriter out, int depth) {
        if (depth > ModelWriter.MAX_DEPTH) {
            out.nullValue();
        } else if (ScalarValues.write(v, out)) {
            // text, a boolean, a number or a time: written
        } else if (v instanceof SdkPojo) {
            writePojo((SdkPojo) v, out, depth);
        } else if (v instanceof SdkBytes) {
            out.byteLength(((SdkBytes) v).asByteBuffer().remaining());
        } else if (v instanceof List) {
            out.startArray();
            for (Object e : (List<?>) v) {
                writeValue(e, out, depth + 1);
            }
            out.endArray();
        } else if (v instanceof Map) {
            out.startObject();
            for (Map.Entry<?, ?> e : ((Map<?, ?>) v).entrySet()) {
                if (e.getKey() != null && out.key(e.getKey().toString())) {
                    writeValue(e.getValue(), out, depth + 1);
                }
            }
            out.endObject();
        } else if (v instanceof Document) {
            writeDocument((Document) v, out, depth);
        } else if (v instanceof SdkNumber) {
            out.number(((SdkNumber) v).bigDecimalValue());
        } else {
            out.nullValue(); // a type this SDK version added: never its toString, which may hold anything
        }
    }

    private void writeDocument(Document d, ModelWriter out, int depth) {
        if (d.isNull()) {
            out.nullValue();
        } else if (d.isString()) {
            out.string(d.asString());
        } else if (d.isBoolean()) {
            out.bool(d.asBoolean());
        } else if (d.isNumber()) {
            out.number(d.asNumber().bigDecimalValue());
        } else if (d.isList()) {
            writeValue(d.asList(), out, depth);
        } else {
            writeValue(d.asMap(), out, depth);
        }
    }

    private static boolean absent(Object value) {
        return value == null || value instanceof SdkAutoConstructList || value instanceof SdkAutoConstructMap;
    }

    @Override
    public String member(Object pojo, String path) {
        Object current = responseOf(pojo);
        int from = 0;
        while (current instanceof SdkPojo) {
            int dot = path.indexOf('.', from);
            String name = dot < 0 ? path.substring(from) : path.substring(from, dot);
            Object next = null;
            for (SdkField<?> field : ((SdkPojo) current).sdkFields()) {
                if (field.memberName().equals(name)) {
                    next = field.getValueOrDefault(current);
                    break;
                }
            }
            if (dot < 0) {
                return next instanceof String ? (String) next : null;
            }
            current = next;
            from = dot + 1;
        }
        return null;
    }

    /** The interceptor hands over its context: the response is inside it. */
    private static Object responseOf(Object responseOrContext) {
        if (responseOrContext instanceof Context.AfterExecution) {
            return ((Context.AfterExecution) responseOrContext).response();
        }
        if (responseOrContext instanceof Context.FailedExecution) {
            return ((Context.FailedExecution) responseOrContext).response().orElse(null);
        }
        return responseOrContext;
    }

    private static SdkHttpResponse httpResponseOf(Object responseOrContext) {
        if (responseOrContext instanceof Context.AfterExecution) {
            return ((Context.AfterExecution) responseOrContext).httpResponse();
        }
        if (responseOrContext instanceof Context.FailedExecution) {
            return ((Context.FailedExecution) responseOrContext).httpResponse().orElse(null);
        }
        return responseOrContext instanceof SdkResponse ? ((SdkResponse) responseOrContext).sdkHttpResponse() : null;
    }

    @Override
    public String userAgent(Object responseOrContext) {
        SdkHttpRequest http = null;
        if (responseOrContext instanceof Context.AfterExecution) {
            http = ((Context.AfterExecution) responseOrContext).httpRequest();
        } else if (responseOrContext instanceof Context.FailedExecution) {
            http = ((Context.FailedExecution) responseOrContext).httpRequest().orElse(null);
        }
        return http == null ? null : http.firstMatchingHeader("User-Agent").orElse(null);
    }

    @Override
    public String requestId(Object responseOrContext, Throwable error) {
        Object response = responseOf(responseOrContext);
        String id = null;
        if (response instanceof AwsResponse && ((AwsResponse) response).responseMetadata() != null) {
            id = ((AwsResponse) response).responseMetadata().requestId();
        }
        Throwable e = unwrap(error);
        if (missing(id) && e instanceof SdkServiceException) {
            id = ((SdkServiceException) e).requestId();
        }
        SdkHttpResponse http = missing(id) ? httpResponseOf(responseOrContext) : null;
        if (http != null) {
            // a service's metadata reads one header; S3-compatible stores may send the other one
            for (String header : REQUEST_ID_HEADERS) {
                id = http.firstMatchingHeader(header).orElse(null);
                if (!missing(id)) {
                    break;
                }
            }
        }
        return missing(id) ? null : id;
    }

    private static boolean missing(String id) {
        return id == null || id.isEmpty() || UNKNOWN_REQUEST_ID.equals(id);
    }

    @Override
    public String errorCode(Throwable error) {
        Throwable e = unwrap(error);
        if (e instanceof AwsServiceException) {
            AwsErrorDetails details = ((AwsServiceException) e).awsErrorDetails();
            if (details != null && details.errorCode() != null && !details.errorCode().isEmpty()) {
                return details.errorCode();
            }
        }
        return e == null ? null : e.getClass().getSimpleName();
    }

    @Override
    public String errorMessage(Throwable error) {
        Throwable e = unwrap(error);
        if (e instanceof AwsServiceException) {
            AwsErrorDetails details = ((AwsServiceException) e).awsErrorDetails();
            if (details != null && details.errorMessage() != null) {
                return details.errorMessage();
            }
        }
        return e == null ? null : e.getMessage();
    }

    @Override
    public String accessKeyId(Object credentials) {
        return credentials instanceof AwsCredentials ? ((AwsCredentials) credentials).accessKeyId() : null;
    }

    @Override
    public boolean sessionCredentials(Object credentials) {
        return credentials instanceof AwsSessionCredentials;
    }

    /** Async calls fail with the service's exception wrapped in a CompletionException. */
    private static Throwable unwrap(Throwable error) {
        Throwable e = error;
        while (e instanceof CompletionException && e.getCause() != null && e.getCause() != e) {
            e = e.getCause();
        }
        return e;
    }
}
