package dev.ctagent.bridge;

/**
 * Reads one SDK's model objects for the writer thread: implemented next to the application's SDK (v2
 * from its {@code SdkField} metadata, v1 from its bean getters), called only on the writer thread.
 * Values reach the record through a {@link ModelWriter}; streams and blobs are never read.
 */
public interface SdkModel {
    /** Writes {@code pojo}'s members as one JSON object. */
    void write(Object pojo, ModelWriter out);

    /**
     * The text of one member, found by its path of SDK member names ({@code "Bucket"},
     * {@code "AssumedRoleUser.Arn"}), or null when absent or not text.
     */
    String member(Object pojo, String path);

    /**
     * The User-Agent header the call sent, read from what the hook handed over as the response (SDK v2
     * hands over its interceptor context), or null when the hook passed it directly.
     */
    String userAgent(Object response);

    /** The service's request id of a response or of a failure, or null. */
    String requestId(Object response, Throwable error);

    /** The service's error code, or the simple class name of a client-side failure. */
    String errorCode(Throwable error);

    /** The service's error message (without the SDK's suffixes), or the failure's message. */
    String errorMessage(Throwable error);

    /** The access key id of signing credentials, or null. */
    String accessKeyId(Object credentials);

    /** True for temporary (session) credentials. */
    boolean sessionCredentials(Object credentials);
}
