package dev.ctagent.sdkhooks.v1;

import com.amazonaws.AmazonWebServiceClient;
import com.amazonaws.AmazonWebServiceRequest;
import com.amazonaws.Request;
import com.amazonaws.Response;
import com.amazonaws.handlers.HandlerContextKey;
import com.amazonaws.handlers.RequestHandler2;
import com.amazonaws.util.AwsHostNameUtils;
import dev.ctagent.bridge.SdkBridge;
import java.lang.reflect.Field;
import java.net.URI;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * The request handler added to every SDK v1 client. It acts when a call has completed
 * ({@code afterResponse} / {@code afterError}; presigning never gets there) and hands the call's parts
 * to the agent by reference. The client is asked for its signing name and region lazily: subclasses set
 * them after the constructor that added this handler.
 */
final class V1Handler extends RequestHandler2 implements BiConsumer<Object, Throwable> {
    /** Marks a request already reported, so the safety net never reports it twice. */
    private static final HandlerContextKey<Boolean> REPORTED = new HandlerContextKey<>("dev.ctagent.reported");
    /** Newer 1.11/1.12 SDKs name the operation and signing region in the request's handler context. */
    private static final HandlerContextKey<?> OPERATION_NAME = contextKey("OPERATION_NAME");
    private static final HandlerContextKey<?> SIGNING_REGION = contextKey("SIGNING_REGION");
    private static final ClassValue<String> OPERATION_BY_CLASS = new ClassValue<>() {
        @Override
        protected String computeValue(Class<?> type) {
            String name = type.getSimpleName();
            return name.endsWith("Request") ? name.substring(0, name.length() - "Request".length()) : name;
        }
    };

    private final AmazonWebServiceClient client;
    private final V1Model model;
    private volatile String service;

    V1Handler(AmazonWebServiceClient client, V1Model model) {
        this.client = client;
        this.model = model;
    }

    @Override
    public void afterResponse(Request<?> request, Response<?> response) {
        completed(request, response, null);
    }

    @Override
    public void afterError(Request<?> request, Response<?> response, Exception e) {
        completed(request, response, e);
    }

    /**
     * The safety net: the SDK's request executor threw {@code thrown} without calling {@code afterError}
     * (it does so only for its own client exceptions, and not when a handler's {@code beforeRequest} fails).
     */
    @Override
    public void accept(Object request, Throwable thrown) {
        if (request instanceof Request && thrown != null) {
            completed((Request<?>) request, null, thrown);
        }
    }

    private void completed(Request<?> request, Response<?> response, Throwable error) {
        try {
            if (request.getHandlerContext(REPORTED) != null) {
                return;
            }
            request.addHandlerContext(REPORTED, Boolean.TRUE);
            AmazonWebServiceRequest original = request.getOriginalRequest();
            Map<String, String> headers = request.getHeaders();
            SdkBridge.completed(model, original, response, error, service(), operation(request, original),
                    region(request), request.getHandlerContext(HandlerContextKey.AWS_CREDENTIALS),
                    headers == null ? null : headers.get("User-Agent"));
        } catch (Throwable ignored) {
            // never into the application's call
        }
    }

    private String service() {
        String s = service;
        if (s == null) {
            s = client.getServiceName();
            if (s == null) {
                s = client.getEndpointPrefix();
            }
            service = s;
        }
        return s;
    }

    private static String operation(Request<?> request, AmazonWebServiceRequest original) {
        Object named = OPERATION_NAME == null ? null : request.getHandlerContext(OPERATION_NAME);
        if (named instanceof String) {
            return (String) named;
        }
        return original == null ? null : V1Operations.cloudTrailName(OPERATION_BY_CLASS.get(original.getClass()));
    }

    private String region(Request<?> request) {
        Object signing = SIGNING_REGION == null ? null : request.getHandlerContext(SIGNING_REGION);
        if (signing instanceof String) {
            return (String) signing;
        }
        String override = client.getSignerRegionOverride();
        if (override != null) {
            return override;
        }
        URI endpoint = request.getEndpoint();
        if (endpoint == null || endpoint.getHost() == null || !endpoint.getHost().endsWith(".amazonaws.com")) {
            return null; // a local endpoint says nothing about the region: the agent's ct.region is used
        }
        return AwsHostNameUtils.parseRegion(endpoint.getHost(), service());
    }

    private static HandlerContextKey<?> contextKey(String name) {
        try {
            Field f = HandlerContextKey.class.getField(name);
            return (HandlerContextKey<?>) f.get(null);
        } catch (ReflectiveOperationException | RuntimeException | LinkageError absent) {
            return null;
        }
    }
}
