package dev.ctagent.testapps.jetty;

import java.util.Enumeration;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletRequestWrapper;

/**
 * A request whose headers, address, URI and query cannot be read. The agent reads exactly these to build
 * its record; the app never does, so the call must still succeed when the agent's capture fails.
 */
final class FaultyRequest extends HttpServletRequestWrapper {
    FaultyRequest(HttpServletRequest request) {
        super(request);
    }

    private static IllegalStateException fault() {
        return new IllegalStateException("forced capture fault");
    }

    @Override
    public String getHeader(String name) {
        throw fault();
    }

    @Override
    public Enumeration<String> getHeaders(String name) {
        throw fault();
    }

    @Override
    public Enumeration<String> getHeaderNames() {
        throw fault();
    }

    @Override
    public String getRemoteAddr() {
        throw fault();
    }

    @Override
    public String getRemoteHost() {
        throw fault();
    }

    @Override
    public String getQueryString() {
        throw fault();
    }

    @Override
    public String getRequestURI() {
        throw fault();
    }

    @Override
    public StringBuffer getRequestURL() {
        throw fault();
    }
}
