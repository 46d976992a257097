package dev.ctagent.runtime.capture;

/**
 * What an AWS SDK hook hands over for one completed call: references only (SDK v2 model objects are
 * immutable; nothing is copied or formatted on the application's thread). The writer reads the model
 * objects through {@link #model}. One instance lives in each ring slot and is reused.
 */
public final class SdkCall {
    /** A {@code dev.ctagent.bridge.SdkModel} for the SDK copy that made the call. */
    public Object model;
    public Object request;
    /** The response, or null when the call failed. */
    public Object response;
    public Throwable error;
    /** The service's signing name ({@code s3}, {@code dynamodb}). */
    public String service;
    public String operation;
    /** The client's region, or null. */
    public String region;
    /** The signing credentials; only their access key id is ever read. */
    public Object credentials;
    public String userAgent;

    void clear() {
        model = null;
        request = null;
        response = null;
        error = null;
        service = null;
        operation = null;
        region = null;
        credentials = null;
        userAgent = null;
    }
}
