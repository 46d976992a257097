package dev.ctagent.testapps.jetty;

import java.io.IOException;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/** A resource under a wildcard mapping: GET /items/{id} reads, POST /items creates from form params. */
public class ItemsServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String id = req.getPathInfo() == null ? "" : req.getPathInfo().substring(1);
        resp.setContentType("text/plain");
        resp.getWriter().write("item " + id);
    }

    @Override
    protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        resp.setContentType("text/plain");
        resp.getWriter().write("created item with " + req.getParameterMap().size() + " fields");
    }
}
