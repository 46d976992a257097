package dev.ctagent.testapps.jetty;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.servlet.AsyncContext;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/** Servlet async: service() returns at once; another thread writes and completes ~100 ms later. */
public class AsyncServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    private final transient ScheduledExecutorService completer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "async-completer");
        thread.setDaemon(true);
        return thread;
    });

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) {
        AsyncContext async = req.startAsync();
        completer.schedule(() -> finish(async), 100, TimeUnit.MILLISECONDS);
    }

    private static void finish(AsyncContext async) {
        try {
            async.getResponse().setContentType("text/plain");
            async.getResponse().getWriter().write("async done");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            async.complete();
        }
    }

    @Override
    public void destroy() {
        completer.shutdownNow();
    }
}
