package dev.ctagent.testapps.jetty;

import java.io.IOException;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/**
 * {@code GET /visible?class=a.b.C}: can this app's class loader load the class? Lets a test prove an
 * attached agent's internals and shaded libraries stay invisible to the application.
 */
public class VisibilityServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String name = req.getParameter("class");
        boolean visible;
        try {
            Class.forName(name, false, VisibilityServlet.class.getClassLoader());
            visible = true;
        } catch (ClassNotFoundException | LinkageError e) {
            visible = false;
        }
        resp.setContentType("text/plain");
        resp.getWriter().write(Boolean.toString(visible));
    }
}
