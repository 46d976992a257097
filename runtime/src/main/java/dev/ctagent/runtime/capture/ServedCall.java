package dev.ctagent.runtime.capture;

/**
 * What an application thread copies out of a served HTTP request, as references to values the
 * container already made: nothing is parsed, formatted or decoded here (the writer thread does that).
 * One instance lives in each ring slot and is reused.
 */
public final class ServedCall {
    public String method;
    /** The raw (undecoded) request URI, without the query string. */
    public String requestUri;
    /** The raw query string, or null. */
    public String queryString;
    public String host;
    public String userAgent;
    /**
     * The raw Authorization header: only read by the writer to derive {@code userIdentity}; it is
     * never written anywhere.
     */
    public String authorization;
    public String forwardedFor;
    public String remoteAddr;
    /** Value of the configured request-id header, or null. */
    public String requestIdHeader;
    /** {@code getUserPrincipal().getName()}, or null. */
    public String principalName;
    public String contentType;
    public boolean secure;
    public String tlsProtocol;
    public String tlsCipherSuite;
    public int status;
    /** The exception that escaped the outermost servlet or filter, or null. */
    public Throwable thrown;
    /** Spring MVC's best-matching handler (a HandlerMethod), or null; named on the writer thread. */
    public Object handler;
    /** Spring MVC's best-matching pattern (a String or PathPattern), or null. */
    public Object routePattern;
    /** Form parameters copied as name, value, name, value... (containers recycle their maps), or null. */
    public String[] formParameters;
    /** Captured request body bytes (only when {@code ct.capture.body.maxBytes} > 0), or null. */
    public byte[] body;
    public int bodyLength;
    /** True when the body was longer than what was kept. */
    public boolean bodyTruncated;

    void clear() {
        method = null;
        requestUri = null;
        queryString = null;
        host = null;
        userAgent = null;
        authorization = null;
        forwardedFor = null;
        remoteAddr = null;
        requestIdHeader = null;
        principalName = null;
        contentType = null;
        secure = false;
        tlsProtocol = null;
        tlsCipherSuite = null;
        status = 0;
        thrown = null;
        handler = null;
        routePattern = null;
        formParameters = null;
        body = null;
        bodyLength = 0;
        bodyTruncated = false;
    }
}
