package dev.ctagent.demo;

import java.io.IOException;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/**
 * {@code GET /orders/{id}}, {@code POST /orders} (form: item, qty) and {@code GET /orders/fail} (a bug: 500).
 * Callers may send {@code Authorization: Bearer <JWT>}; the service does not care, the agent records who called.
 * A new order is also announced on an SQS queue ({@link OrderEvents}).
 */
public class OrdersServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String id = req.getPathInfo() == null ? "" : req.getPathInfo().substring(1);
        if (id.isEmpty()) {
            resp.sendError(HttpServletResponse.SC_NOT_FOUND);
            return;
        }
        if (id.equals("fail")) {
            throw new IllegalStateException("payment backend unavailable");
        }
        writeJson(resp, HttpServletResponse.SC_OK, "{\"id\":\"" + id + "\",\"item\":\"book\",\"status\":\"shipped\"}");
    }

    @Override
    protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String item = req.getParameter("item");
        int qty = Integer.parseInt(req.getParameter("qty"));
        String order = "{\"id\":\"1001\",\"item\":\"" + item + "\",\"qty\":" + qty + "}";
        OrderEvents.placed(order); // an outbound AWS SDK call: the agent records it too
        writeJson(resp, HttpServletResponse.SC_CREATED, order);
    }

    private static void writeJson(HttpServletResponse resp, int status, String json) throws IOException {
        resp.setStatus(status);
        resp.setContentType("application/json");
        resp.getWriter().write(json);
    }
}
