package dev.ctagent.testapps.jetty;

import java.io.IOException;
import javax.servlet.ServletRequestWrapper;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/**
 * Target of /capture-fault. Touches none of the methods {@link FaultyRequest} makes throw, so any failure
 * there can only come from code around the app (the agent). X-Request-Wrapped shows the wrapper arrived.
 */
public class FaultServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        resp.setHeader("X-Request-Wrapped", String.valueOf(req instanceof ServletRequestWrapper));
        resp.setContentType("text/plain");
        resp.getWriter().write("ok");
    }
}
