package dev.ctagent.agent.instrumentation.awssdk;

/**
 * The names of the application's AWS SDK classes, built at run time: a relocating build (the agent carries
 * its own SDK under {@code dev.ctagent.shaded}) rewrites every string constant that starts with an SDK
 * package, which would point the matchers at the agent's own copy instead of the application's.
 */
final class SdkNames {
    /** {@code software.amazon.awssdk.} */
    static final String V2 = String.join(".", "software", "amazon", "awssdk", "");
    /** {@code com.amazonaws.} */
    static final String V1 = String.join(".", "com", "amazonaws", "");

    static final String V2_INTERCEPTOR_CHAIN = V2 + "core.interceptor.ExecutionInterceptorChain";
    static final String V1_CLIENT = V1 + "AmazonWebServiceClient";
    static final String V1_REQUEST_EXECUTOR = V1 + "http.AmazonHttpClient$RequestExecutor";

    private SdkNames() {}

    /** Internal-name prefixes whose first class defined starts the instrumentation. */
    static String[] internalPrefixes() {
        return new String[] {V2.replace('.', '/'), V1.replace('.', '/')};
    }
}
