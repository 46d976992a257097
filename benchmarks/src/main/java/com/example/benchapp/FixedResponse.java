package com.example.benchapp;

import java.io.PrintWriter;
import java.util.Collection;
import java.util.Collections;
import java.util.Locale;
import javax.servlet.ServletOutputStream;
import javax.servlet.http.Cookie;
import javax.servlet.http.HttpServletResponse;

/** A response that remembers its status (200 unless set) and discards everything else. */
public final class FixedResponse implements HttpServletResponse {
    private int status = SC_OK;

    @Override public void setStatus(int sc) { status = sc; }
    @Override public int getStatus() { return status; }
    @Override @Deprecated public void setStatus(int sc, String sm) { status = sc; }
    @Override public void sendError(int sc, String msg) { status = sc; }
    @Override public void sendError(int sc) { status = sc; }
    @Override public void sendRedirect(String location) { status = SC_FOUND; }

    @Override public void addCookie(Cookie cookie) { }
    @Override public boolean containsHeader(String name) { return false; }
    @Override public String encodeURL(String url) { return url; }
    @Override public String encodeRedirectURL(String url) { return url; }
    @Override @Deprecated public String encodeUrl(String url) { return url; }
    @Override @Deprecated public String encodeRedirectUrl(String url) { return url; }
    @Override public void setDateHeader(String name, long date) { }
    @Override public void addDateHeader(String name, long date) { }
    @Override public void setHeader(String name, String value) { }
    @Override public void addHeader(String name, String value) { }
    @Override public void setIntHeader(String name, int value) { }
    @Override public void addIntHeader(String name, int value) { }
    @Override public String getHeader(String name) { return null; }
    @Override public Collection<String> getHeaders(String name) { return Collections.emptyList(); }
    @Override public Collection<String> getHeaderNames() { return Collections.emptyList(); }
    @Override public String getCharacterEncoding() { return "UTF-8"; }
    @Override public String getContentType() { return null; }
    @Override public ServletOutputStream getOutputStream() { throw new UnsupportedOperationException(); }
    @Override public PrintWriter getWriter() { throw new UnsupportedOperationException(); }
    @Override public void setCharacterEncoding(String charset) { }
    @Override public void setContentLength(int len) { }
    @Override public void setContentLengthLong(long len) { }
    @Override public void setContentType(String type) { }
    @Override public void setBufferSize(int size) { }
    @Override public int getBufferSize() { return 0; }
    @Override public void flushBuffer() { }
    @Override public void resetBuffer() { }
    @Override public boolean isCommitted() { return false; }
    @Override public void reset() { status = SC_OK; }
    @Override public void setLocale(Locale loc) { }
    @Override public Locale getLocale() { return Locale.US; }
}
