package dev.ctagent.testapps.jetty;

import java.io.IOException;
import javax.servlet.ServletException;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.handler.HandlerWrapper;

/**
 * Sits in front of the servlet context and hands requests for {@link #PATH} on as a {@link FaultyRequest}.
 * Jetty's ServletHandler passes the request object it is given to the filter chain and servlet, so the
 * agent's servlet instrumentation sees the faulty wrapper.
 */
final class CaptureFaultHandler extends HandlerWrapper {
    static final String PATH = "/capture-fault";

    @Override
    public void handle(String target, Request baseRequest, HttpServletRequest request, HttpServletResponse response)
            throws IOException, ServletException {
        HttpServletRequest handedOn = PATH.equals(target) ? new FaultyRequest(request) : request;
        super.handle(target, baseRequest, handedOn, response);
    }
}
