package dev.ctagent.testapps.jetty;

import java.util.EnumSet;
import javax.servlet.DispatcherType;
import javax.servlet.Filter;
import javax.servlet.http.HttpServlet;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.servlet.FilterHolder;
import org.eclipse.jetty.servlet.ServletContextHandler;
import org.eclipse.jetty.servlet.ServletHolder;

/**
 * A javax.servlet app on embedded Jetty 9.4, wired in code (no web.xml). Usage: {@code JettyApp [port]}, 0 = any.
 * Prints {@code READY port=N} once it accepts connections.
 */
public final class JettyApp {
    private static final int TWO_MB = 2 * 1024 * 1024;
    private static final int TEN_MB = 10 * 1024 * 1024;

    public static void main(String[] args) throws Exception {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 0;

        Server server = new Server();
        // Generous limits so hostile-input tests reach the app (and the agent) instead of being cut off by Jetty.
        HttpConfiguration http = new HttpConfiguration();
        http.setRequestHeaderSize(TWO_MB);
        ServerConnector connector = new ServerConnector(server, new HttpConnectionFactory(http));
        connector.setPort(port);
        server.addConnector(connector);

        CaptureFaultHandler captureFaults = new CaptureFaultHandler();
        captureFaults.setHandler(servletContext());
        server.setHandler(captureFaults);
        server.setStopAtShutdown(true); // SIGTERM stops Jetty cleanly, so an attached agent can flush.
        server.start();

        System.out.println("READY port=" + connector.getLocalPort());
        System.out.flush();
        server.join();
    }

    private static ServletContextHandler servletContext() {
        ServletContextHandler context = new ServletContextHandler(ServletContextHandler.NO_SESSIONS);
        context.setContextPath("/");
        context.setMaxFormKeys(20_000);
        context.setMaxFormContentSize(TEN_MB);

        // Two nested app filters on every dispatch type: forwards, includes and async re-enter them.
        addFilter(context, new OuterFilter());
        addFilter(context, new InnerFilter());

        addServlet(context, new HelloServlet(), "/hello");
        addServlet(context, new ItemsServlet(), "/items/*");
        addServlet(context, new ForwardServlet(), "/forward");
        addServlet(context, new IncludeServlet(), "/include");
        addServlet(context, new AsyncServlet(), "/async");
        addServlet(context, new AsyncTimeoutServlet(), "/async-timeout");
        addServlet(context, new BoomServlet(), "/boom");
        addServlet(context, new EchoServlet(), "/echo");
        addServlet(context, new LibsServlet(), "/libs");
        addServlet(context, new VisibilityServlet(), "/visible");
        addServlet(context, new FaultServlet(), CaptureFaultHandler.PATH);
        return context;
    }

    private static void addFilter(ServletContextHandler context, Filter filter) {
        FilterHolder holder = new FilterHolder(filter);
        holder.setAsyncSupported(true);
        context.addFilter(holder, "/*", EnumSet.allOf(DispatcherType.class));
    }

    private static void addServlet(ServletContextHandler context, HttpServlet servlet, String pathSpec) {
        ServletHolder holder = new ServletHolder(servlet);
        holder.setAsyncSupported(true);
        context.addServlet(holder, pathSpec);
    }

    private JettyApp() {
    }
}
