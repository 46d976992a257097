package dev.ctagent.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Date;
import java.util.Map;
import java.util.concurrent.Callable;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The trail's status MBean, read and driven over remote JMX as an operator would. */
class StatusMBeanIT {
    @TempDir
    Path trailDir;

    @Test
    void statusIsVisibleAndLoggingCanBeStoppedAndStarted() throws Exception {
        Map<String, String> settings = Map.of("ct.dir", trailDir.toString(), "ct.trail.name", "jmx-it");
        try (TrailStatusJmx jmx = new TrailStatusJmx("jmx-it");
             ForkedApp app = ForkedApp.start(Paths.THIS_JAVA, ForkedApp.agentArgs(jmx.with(settings)),
                     Paths.JETTY_APP, "0")) {
            Http http = new Http(app.awaitReady());
            MBeanServerConnection server = jmx.connect();
            ObjectName trail = jmx.trail();
            await(() -> server.isRegistered(trail));
            assertThat(server.getAttribute(trail, "IsLogging")).isEqualTo(true);
            assertThat(server.getAttribute(trail, "StartLoggingTime")).isInstanceOf(Date.class);

            for (int i = 0; i < 3; i++) {
                http.get("/hello");
            }
            await(() -> Long.valueOf(3).equals(server.getAttribute(trail, "WrittenCount")));
            assertThat(server.getAttribute(trail, "CapturedCount")).isEqualTo(3L);
            assertThat(server.getAttribute(trail, "DroppedCount")).isEqualTo(0L);

            server.invoke(trail, "stopLogging", null, null);
            assertThat(server.getAttribute(trail, "IsLogging")).isEqualTo(false);
            assertThat(server.getAttribute(trail, "StopLoggingTime")).isInstanceOf(Date.class);
            assertThat(server.getAttribute(trail, "LatestDeliveryTime")).as("stopLogging delivers the file")
                    .isInstanceOf(Date.class);
            assertThat(server.getAttribute(trail, "LatestDeliveryError")).isNull();
            assertThat(TrailFiles.records(trailDir, "local")).hasSize(3);

            http.get("/hello"); // not logged
            server.invoke(trail, "startLogging", null, null);
            http.get("/hello");
            await(() -> Long.valueOf(4).equals(server.getAttribute(trail, "WrittenCount")));
            assertThat(server.getAttribute(trail, "CapturedCount")).isEqualTo(4L);
            app.stop();
        }
        assertThat(TrailFiles.records(trailDir, "local")).hasSize(4);
    }

    /** Polls (up to 30 s) until the condition holds; the MBean is registered shortly after start. */
    private static void await(Callable<Boolean> condition) throws Exception {
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (!Boolean.TRUE.equals(condition.call())) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within 30 s");
            }
            Thread.sleep(100);
        }
    }
}
