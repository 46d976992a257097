package dev.ctagent.bridge;

/**
 * What the SDK hooks call, implemented inside the agent's isolated class loader. JDK types only: the
 * hooks live next to the application's SDK, the implementation next to the ring.
 */
public interface SdkHook {
    /** SDK v2: the {@code ExecutionInterceptor} to add to every interceptor chain. */
    int V2 = 2;
    /** SDK v1: a {@code java.util.function.Function} from a client to the {@code RequestHandler2} to add. */
    int V1 = 1;

    /**
     * The hook object for the SDK that {@code anchor} belongs to (an SDK class), made once per SDK copy;
     * null when it cannot be made (the SDK is too old, or capture is off).
     */
    Object hookFor(Class<?> anchor, int sdk);

    /**
     * One SDK call completed. Everything is passed by reference and read later, on the writer thread,
     * through {@code model}; nothing here is formatted or copied.
     *
     * @param request the request as sent (a model object)
     * @param response the response (a model object, or an object {@code model} reads it from), or null
     * @param error what the call threw, or null
     * @param service the service's signing name ({@code s3}, {@code dynamodb}, ...)
     * @param operation the operation name ({@code PutObject})
     * @param region the region the call was signed for, or null
     * @param credentials the credentials that signed it, or null (only their access key id is read)
     * @param userAgent the User-Agent header sent, or null (then {@code model} reads it from the response)
     */
    void completed(SdkModel model, Object request, Object response, Throwable error, String service,
            String operation, String region, Object credentials, String userAgent);
}
