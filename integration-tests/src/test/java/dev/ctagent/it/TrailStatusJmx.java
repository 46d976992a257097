package dev.ctagent.it;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.HashMap;
import java.util.Map;
import javax.management.JMException;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;

/**
 * The status MBean of a trail in a forked JVM, over JMX remote on a free loopback port: the fork's settings go
 * through {@link #with}, then {@link #connect()} once it is up.
 */
final class TrailStatusJmx implements AutoCloseable {
    private final int port;
    private final ObjectName trail;
    private JMXConnector connector;

    TrailStatusJmx(String trailName) throws IOException, JMException {
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        trail = new ObjectName("dev.ctagent:type=Trail,name=" + trailName);
    }

    /** {@code settings} plus the system properties that open JMX remote on this port. */
    Map<String, String> with(Map<String, String> settings) {
        Map<String, String> s = new HashMap<>(settings);
        s.put("com.sun.management.jmxremote.port", Integer.toString(port));
        s.put("com.sun.management.jmxremote.authenticate", "false");
        s.put("com.sun.management.jmxremote.ssl", "false");
        s.put("java.rmi.server.hostname", "127.0.0.1");
        return s;
    }

    MBeanServerConnection connect() throws IOException {
        connector = JMXConnectorFactory.connect(
                new JMXServiceURL("service:jmx:rmi:///jndi/rmi://127.0.0.1:" + port + "/jmxrmi"));
        return connector.getMBeanServerConnection();
    }

    ObjectName trail() {
        return trail;
    }

    /** An attribute of the trail's MBean, or null while the MBean is not registered yet. */
    Object get(String attribute) throws IOException, JMException {
        MBeanServerConnection server = connector.getMBeanServerConnection();
        return server.isRegistered(trail) ? server.getAttribute(trail, attribute) : null;
    }

    /** Closes the connection; the forked JVM has usually exited by then, which is no error here. */
    @Override
    public void close() {
        if (connector != null) {
            try {
                connector.close();
            } catch (IOException gone) {
                // the JVM at the other end has stopped: nothing left to close there
            }
        }
    }
}
