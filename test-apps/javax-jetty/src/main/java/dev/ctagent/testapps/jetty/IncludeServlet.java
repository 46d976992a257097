package dev.ctagent.testapps.jetty;

import java.io.IOException;
import javax.servlet.ServletException;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/** An INCLUDE dispatch: another servlet writes into this response, then this one continues. */
public class IncludeServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws ServletException, IOException {
        resp.setContentType("text/plain");
        req.getRequestDispatcher("/hello").include(req, resp);
        resp.getWriter().write(" +included");
    }
}
