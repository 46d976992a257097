package dev.ctagent.demo;

import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.servlet.ServletContextHandler;

/**
 * A tiny orders service on embedded Jetty. It knows nothing about auditing: run it with
 * {@code java -javaagent:ct-agent.jar -jar demo-service.jar [port]} and every call lands in the trail.
 */
public final class DemoService {
    public static void main(String[] args) throws Exception {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 8080;

        ServletContextHandler context = new ServletContextHandler();
        context.addServlet(OrdersServlet.class, "/orders/*");

        Server server = new Server(port);
        server.setHandler(context);
        server.setStopAtShutdown(true); // SIGTERM stops Jetty cleanly
        server.start();

        int boundPort = ((ServerConnector) server.getConnectors()[0]).getLocalPort();
        System.out.println("READY port=" + boundPort);
        System.out.flush();
        server.join();
    }

    private DemoService() {
    }
}
