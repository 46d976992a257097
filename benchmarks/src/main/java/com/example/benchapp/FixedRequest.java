package com.example.benchapp;

import java.io.BufferedReader;
import java.security.Principal;
import java.util.Collection;
import java.util.Collections;
import java.util.Enumeration;
import java.util.Locale;
import java.util.Map;
import javax.servlet.AsyncContext;
import javax.servlet.DispatcherType;
import javax.servlet.RequestDispatcher;
import javax.servlet.ServletContext;
import javax.servlet.ServletInputStream;
import javax.servlet.ServletRequest;
import javax.servlet.ServletResponse;
import javax.servlet.http.Cookie;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import javax.servlet.http.HttpSession;
import javax.servlet.http.HttpUpgradeHandler;
import javax.servlet.http.Part;

/**
 * {@code GET /owners/7?a=1} with a Host and a User-Agent header, from 203.0.113.7, no attributes, no
 * principal, plain HTTP, dispatcher type REQUEST. Every value is a constant, so neither variant of the
 * benchmark allocates anything to answer the servlet or the agent.
 */
public final class FixedRequest implements HttpServletRequest {
    static final String HOST = "petclinic.example.com:8080";
    static final String USER_AGENT = "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0";

    @Override public String getMethod() { return "GET"; }
    @Override public String getRequestURI() { return "/owners/7"; }
    @Override public String getQueryString() { return "a=1"; }

    @Override
    public String getHeader(String name) {
        if ("Host".equalsIgnoreCase(name)) {
            return HOST;
        }
        if ("User-Agent".equalsIgnoreCase(name)) {
            return USER_AGENT;
        }
        return null;
    }

    @Override public DispatcherType getDispatcherType() { return DispatcherType.REQUEST; }
    @Override public Object getAttribute(String name) { return null; }
    @Override public String getRemoteAddr() { return "203.0.113.7"; }
    @Override public Principal getUserPrincipal() { return null; }
    @Override public String getContentType() { return null; }
    @Override public boolean isSecure() { return false; }
    @Override public boolean isAsyncStarted() { return false; }
    @Override public boolean isAsyncSupported() { return false; }
    @Override public String getProtocol() { return "HTTP/1.1"; }
    @Override public String getScheme() { return "http"; }
    @Override public String getServerName() { return "petclinic.example.com"; }
    @Override public int getServerPort() { return 8080; }
    @Override public String getContextPath() { return ""; }
    @Override public String getServletPath() { return "/owners"; }
    @Override public String getPathInfo() { return "/7"; }

    // Everything below is never called by the servlet, the filter or the agent on this request.
    @Override public String getAuthType() { return null; }
    @Override public Cookie[] getCookies() { return null; }
    @Override public long getDateHeader(String name) { return -1; }
    @Override public Enumeration<String> getHeaders(String name) { return Collections.emptyEnumeration(); }
    @Override public Enumeration<String> getHeaderNames() { return Collections.emptyEnumeration(); }
    @Override public int getIntHeader(String name) { return -1; }
    @Override public String getPathTranslated() { return null; }
    @Override public String getRemoteUser() { return null; }
    @Override public boolean isUserInRole(String role) { return false; }
    @Override public String getRequestedSessionId() { return null; }
    @Override public StringBuffer getRequestURL() { return new StringBuffer("http://").append(HOST).append(getRequestURI()); }
    @Override public HttpSession getSession(boolean create) { return null; }
    @Override public HttpSession getSession() { return null; }
    @Override public String changeSessionId() { throw new IllegalStateException("no session"); }
    @Override public boolean isRequestedSessionIdValid() { return false; }
    @Override public boolean isRequestedSessionIdFromCookie() { return false; }
    @Override public boolean isRequestedSessionIdFromURL() { return false; }
    @Override @Deprecated public boolean isRequestedSessionIdFromUrl() { return false; }
    @Override public boolean authenticate(HttpServletResponse response) { return false; }
    @Override public void login(String username, String password) { }
    @Override public void logout() { }
    @Override public Collection<Part> getParts() { return Collections.emptyList(); }
    @Override public Part getPart(String name) { return null; }
    @Override public <T extends HttpUpgradeHandler> T upgrade(Class<T> handlerClass) { throw new UnsupportedOperationException(); }
    @Override public Enumeration<String> getAttributeNames() { return Collections.emptyEnumeration(); }
    @Override public String getCharacterEncoding() { return null; }
    @Override public void setCharacterEncoding(String env) { }
    @Override public int getContentLength() { return -1; }
    @Override public long getContentLengthLong() { return -1; }
    @Override public ServletInputStream getInputStream() { throw new UnsupportedOperationException(); }
    @Override public String getParameter(String name) { return "a".equals(name) ? "1" : null; }
    @Override public Enumeration<String> getParameterNames() { return Collections.enumeration(Collections.singletonList("a")); }
    @Override public String[] getParameterValues(String name) { return "a".equals(name) ? new String[] {"1"} : null; }
    @Override public Map<String, String[]> getParameterMap() { return Collections.singletonMap("a", new String[] {"1"}); }
    @Override public BufferedReader getReader() { throw new UnsupportedOperationException(); }
    @Override public String getRemoteHost() { return getRemoteAddr(); }
    @Override public void setAttribute(String name, Object o) { throw new UnsupportedOperationException("fixed request"); }
    @Override public void removeAttribute(String name) { }
    @Override public Locale getLocale() { return Locale.US; }
    @Override public Enumeration<Locale> getLocales() { return Collections.enumeration(Collections.singletonList(Locale.US)); }
    @Override public RequestDispatcher getRequestDispatcher(String path) { return null; }
    @Override @Deprecated public String getRealPath(String path) { return null; }
    @Override public int getRemotePort() { return 51234; }
    @Override public String getLocalName() { return "localhost"; }
    @Override public String getLocalAddr() { return "127.0.0.1"; }
    @Override public int getLocalPort() { return 8080; }
    @Override public ServletContext getServletContext() { return null; }
    @Override public AsyncContext startAsync() { throw new IllegalStateException("async not supported"); }
    @Override public AsyncContext startAsync(ServletRequest req, ServletResponse resp) { throw new IllegalStateException("async not supported"); }
    @Override public AsyncContext getAsyncContext() { throw new IllegalStateException("async not started"); }
}
