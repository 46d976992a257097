package dev.ctagent.delivery.status;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import com.lmax.disruptor.Sequence;
import dev.ctagent.runtime.capture.CaptureRing;
import dev.ctagent.runtime.config.WhenFull;
import java.lang.management.ManagementFactory;
import java.util.Date;
import javax.management.JMX;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class TrailStatusTest {
    private final MBeanServer server = ManagementFactory.getPlatformMBeanServer();
    private final TrailStats stats = new TrailStats();
    private final CaptureRing ring = new CaptureRing(2, WhenFull.DROP, 1_000_000);
    private final LoggingControl control = mock(LoggingControl.class);
    private final TrailStatus status = new TrailStatus("status-test", stats, ring, control);

    @AfterEach
    void unregister() throws Exception {
        status.unregister(server);
    }

    @Test
    void constructingDoesNotRegister() throws Exception {
        assertThat(status.objectName()).isEqualTo(new ObjectName("dev.ctagent:type=Trail,name=status-test"));
        assertThat(server.isRegistered(status.objectName())).isFalse();
    }

    @Test
    void attributesAreReadableThroughThePlatformMBeanServer() throws Exception {
        when(control.isLogging()).thenReturn(true);
        status.register(server);
        ObjectName name = status.objectName();

        assertThat(server.getAttribute(name, "IsLogging")).isEqualTo(true);
        assertThat(server.getAttribute(name, "StartLoggingTime")).isNull();
        assertThat(server.getAttribute(name, "LatestDeliveryError")).isNull();
        assertThat(server.getAttribute(name, "CapturedCount")).isEqualTo(0L);

        ring.ringBuffer().addGatingSequences(new Sequence()); // a consumer that never moves
        ring.setAccepting(true);
        for (int i = 0; i < 5; i++) {
            long seq = ring.claim(); // capacity 2: the rest is dropped
            if (seq >= 0) {
                ring.publish(seq);
            }
        }
        stats.recordStartLogging(1_000);
        stats.recordStopLogging(2_000);
        stats.recordDelivery(3_000);
        stats.recordDeliveryError("delivering a log file failed: boom");
        stats.recordWritten();
        stats.recordSkipped();
        stats.recordFailed();

        assertThat(server.getAttribute(name, "CapturedCount")).isEqualTo(2L);
        assertThat(server.getAttribute(name, "DroppedCount")).isEqualTo(3L);
        assertThat(server.getAttribute(name, "WrittenCount")).isEqualTo(1L);
        assertThat(server.getAttribute(name, "SkippedCount")).isEqualTo(1L);
        assertThat(server.getAttribute(name, "FailedCount")).isEqualTo(1L);
        assertThat(server.getAttribute(name, "DeliveredFileCount")).isEqualTo(1L);
        assertThat(server.getAttribute(name, "StartLoggingTime")).isEqualTo(new Date(1_000));
        assertThat(server.getAttribute(name, "StopLoggingTime")).isEqualTo(new Date(2_000));
        assertThat(server.getAttribute(name, "LatestDeliveryTime")).isEqualTo(new Date(3_000));
        assertThat(server.getAttribute(name, "LatestDeliveryError")).isEqualTo("delivering a log file failed: boom");
    }

    @Test
    void operationsSwitchLogging() throws Exception {
        status.register(server);
        TrailStatusMXBean proxy = JMX.newMXBeanProxy(server, status.objectName(), TrailStatusMXBean.class);

        proxy.stopLogging();
        proxy.startLogging();

        verify(control).stopLogging();
        verify(control).startLogging();
    }
}
