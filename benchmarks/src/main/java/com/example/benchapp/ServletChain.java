package com.example.benchapp;

import java.io.IOException;
import javax.servlet.FilterChain;
import javax.servlet.Servlet;
import javax.servlet.ServletException;
import javax.servlet.ServletRequest;
import javax.servlet.ServletResponse;

/** The tiny filter chain: its end is the servlet. */
public final class ServletChain implements FilterChain {
    private final Servlet servlet;

    public ServletChain(Servlet servlet) {
        this.servlet = servlet;
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response) throws IOException, ServletException {
        servlet.service(request, response);
    }
}
