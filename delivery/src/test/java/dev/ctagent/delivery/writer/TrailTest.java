package dev.ctagent.delivery.writer;

import dev.ctagent.delivery.logfile.FinishedLogFile;
import static dev.ctagent.delivery.writer.TestTrails.await;
import static dev.ctagent.delivery.writer.TestTrails.bucketDir;
import static dev.ctagent.delivery.writer.TestTrails.config;
import static dev.ctagent.delivery.writer.TestTrails.publish;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ctagent.delivery.destination.DeliveredLogLedger;
import dev.ctagent.delivery.destination.Destination;
import dev.ctagent.delivery.destination.LocalDirectoryDestination;
import dev.ctagent.delivery.logfile.LogFiles;
import dev.ctagent.delivery.logfile.OpenLogFile;
import dev.ctagent.delivery.record.CallSerializer;
import dev.ctagent.delivery.record.SerializedRecord;
import dev.ctagent.runtime.capture.CaptureRing;
import dev.ctagent.runtime.capture.CapturedCall;
import dev.ctagent.runtime.capture.DropCounter.DroppedInterval;
import dev.ctagent.runtime.config.AgentConfig;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrailTest {
    @TempDir
    Path ctDir;

    private Trail trail;

    @AfterEach
    void stopTrail() {
        if (trail != null) {
            trail.stop();
        }
    }

    @Test
    void everyCallPublishedFromManyThreadsEndsUpInFinishedFiles() throws Exception {
        AgentConfig config = config(ctDir, "ct.buffer.whenFull", "block", "ct.buffer.capacity", "64");
        CaptureRing ring = ring(config);
        trail = new Trail(config, ring, new FakeSerializer());
        trail.start();

        int perThread = 2_500;
        publishConcurrently(ring, 4, perThread);
        trail.stop();

        int n = 4 * perThread;
        assertThat(trail.stats().written()).isEqualTo(n);
        assertThat(ring.captured()).isEqualTo(n);
        List<Path> files = LogFiles.deliveredFiles(bucketDir(config));
        List<JsonNode> records = LogFiles.deliveredRecords(bucketDir(config));
        assertThat(requestIds(records)).hasSize(n).doesNotHaveDuplicates();
        assertThat(LogFiles.partialFiles(ctDir)).isEmpty();
        assertThat(Digests.listedLogFiles(bucketDir(config))).containsExactlyInAnyOrderElementsOf(
                Digests.keys(bucketDir(config), files));
        assertThat(Files.readAllLines(DeliveredLogLedger.defaultFile(ctDir, "test-trail"))).isEmpty();
        assertThat(trail.stats().deliveredFiles()).isEqualTo(files.size());
        assertThat(trail.stats().latestDeliveryError()).isNull();
    }

    @Test
    void dropModeCountsDropsAndStatesThemInAnEventsDroppedRecord() throws Exception {
        AgentConfig config = config(ctDir, "ct.buffer.whenFull", "drop", "ct.buffer.capacity", "4");
        CaptureRing ring = ring(config);
        trail = new Trail(config, ring, new FakeSerializer(2));
        trail.start();

        long accepted = publishConcurrently(ring, 4, 200);
        trail.stop();

        long dropped = ring.drops().total();
        assertThat(dropped).isPositive();
        assertThat(accepted + dropped).isEqualTo(4 * 200);
        List<JsonNode> records = LogFiles.deliveredRecords(bucketDir(config));
        List<JsonNode> dropRecords = records.stream().filter(r -> r.get("eventName").asText().equals("EventsDropped"))
                .collect(Collectors.toList());
        assertThat(dropRecords).isNotEmpty();
        assertThat(dropRecords.stream().mapToLong(r -> r.get("additionalEventData").get("droppedCount").asLong()).sum())
                .isEqualTo(dropped);
        assertThat(trail.stats().written()).isEqualTo(accepted).isEqualTo(records.size() - dropRecords.size());
    }

    @Test
    void blockModeLosesNothingEvenWithATinyRingAndASlowWriter() throws Exception {
        AgentConfig config = config(ctDir, "ct.buffer.whenFull", "block", "ct.buffer.capacity", "4");
        CaptureRing ring = ring(config);
        trail = new Trail(config, ring, new FakeSerializer(1));
        trail.start();

        long accepted = publishConcurrently(ring, 4, 50);
        trail.stop();

        assertThat(accepted).isEqualTo(200);
        assertThat(ring.drops().total()).isZero();
        assertThat(trail.stats().written()).isEqualTo(200);
        assertThat(requestIds(LogFiles.deliveredRecords(bucketDir(config)))).hasSize(200).doesNotHaveDuplicates();
    }

    @Test
    void skippedSlotsAreCountedNotWritten() throws Exception {
        AgentConfig config = config(ctDir);
        CaptureRing ring = ring(config);
        trail = new Trail(config, ring, new FakeSerializer());
        trail.start();
        publish(ring, "/a");
        long seq = ring.claim();
        ring.publish(seq); // a slot whose filling failed: kind stays SKIP
        trail.stop();

        assertThat(trail.stats().written()).isEqualTo(1);
        assertThat(trail.stats().skipped()).isEqualTo(1);
        assertThat(ring.slot(seq).kind).isEqualTo(CapturedCall.SKIP);
    }

    @Test
    void aCallThatCannotBeSerializedIsCountedAndTheWriterGoesOn() throws Exception {
        AgentConfig config = config(ctDir);
        CaptureRing ring = ring(config);
        FakeSerializer fake = new FakeSerializer();
        trail = new Trail(config, ring, new CallSerializer() {
            @Override
            public SerializedRecord serialize(CapturedCall call) {
                if ("/boom".equals(call.served.requestUri)) {
                    throw new IllegalStateException("cannot serialize");
                }
                return fake.serialize(call);
            }

            @Override
            public SerializedRecord droppedEvents(DroppedInterval dropped, long nowMillis) {
                return fake.droppedEvents(dropped, nowMillis);
            }
        });
        trail.start();
        publish(ring, "/ok1");
        publish(ring, "/boom");
        publish(ring, "/ok2");
        trail.stop();

        assertThat(trail.stats().failed()).isEqualTo(1);
        assertThat(trail.stats().written()).isEqualTo(2);
        assertThat(requestIds(LogFiles.deliveredRecords(bucketDir(config)))).containsExactly("/ok1", "/ok2");
    }

    @Test
    void aFailingDestinationKeepsTheFileAndTheWriterAlive() throws Exception {
        AgentConfig config = config(ctDir);
        CaptureRing ring = ring(config);
        Destination broken = mock(Destination.class);
        doThrow(new IOException("disk on fire")).when(broken).deliver(any(FinishedLogFile.class));
        trail = new Trail(config, ring, new FakeSerializer(), broken);
        trail.start();
        publish(ring, "/one");

        trail.stopLogging();

        assertThat(trail.stats().latestDeliveryError()).isEqualTo("delivering a log file failed: java.io.IOException: disk on fire");
        assertThat(trail.stats().deliveredFiles()).isZero();
        List<Path> kept = LogFiles.partialFiles(ctDir);
        assertThat(kept).hasSize(1);
        assertThat(LogFiles.records(kept.get(0))).extracting(r -> r.get("requestID").asText()).containsExactly("/one");

        trail.startLogging();
        publish(ring, "/two");
        await("the writer to go on after the failure", () -> trail.stats().written() == 2);
    }

    @Test
    void aSigningKeyOthersCanReadStopsCaptureLikeABadConfigValue() throws Exception {
        AgentConfig config = config(ctDir);
        Files.setPosixFilePermissions(config.digestPrivateKey(),
                java.nio.file.attribute.PosixFilePermissions.fromString("rw-rw-r--"));
        CaptureRing ring = ring(config);
        trail = new Trail(config, ring, new FakeSerializer(), (stats, errors) -> Deliveries.direct(
                new LocalDirectoryDestination(ctDir, config.bucket()), List.of(), config, stats, errors),
                Duration.ZERO, Duration.ZERO);
        trail.start();

        await("the writer to refuse the key", () -> !trail.isLogging());
        assertThat(trail.stats().latestDigestDeliveryError()).startsWith("ct.digest.privateKey=")
                .contains("accessible to others");
        assertThat(publish(ring, "/after")).isFalse();
        trail.stop();
        assertThat(Digests.files(bucketDir(config))).isEmpty();
    }

    @Test
    void stopLoggingEndsTheChainWithAFinalDigestAndStartLoggingBeginsANewOne() throws Exception {
        AgentConfig config = config(ctDir);
        CaptureRing ring = ring(config);
        trail = new Trail(config, ring, new FakeSerializer());
        trail.start();
        publish(ring, "/one");
        trail.stopLogging();
        List<String> afterStop = Digests.listedLogFiles(bucketDir(config));
        assertThat(afterStop).hasSize(1);

        trail.startLogging();
        publish(ring, "/two");
        trail.stop();

        List<JsonNode> digests = Digests.documents(bucketDir(config));
        assertThat(digests).hasSize(2);
        assertThat(digests.get(1).get("previousDigestS3Object").isNull()).as("a new chain").isTrue();
        assertThat(Digests.listedLogFiles(bucketDir(config))).containsExactlyInAnyOrderElementsOf(
                Digests.keys(bucketDir(config), LogFiles.deliveredFiles(bucketDir(config))));
    }

    @Test
    void filesRollOnTheDeliveryIntervalWhileRunning() throws Exception {
        AgentConfig config = config(ctDir, "ct.delivery.interval", "0.2", "ct.flush.interval", "0.05");
        CaptureRing ring = ring(config);
        trail = new Trail(config, ring, new FakeSerializer());
        trail.start();

        publish(ring, "/first");
        await("a file delivered by the interval", () -> trail.stats().deliveredFiles() == 1);
        publish(ring, "/second");
        await("a second file", () -> trail.stats().deliveredFiles() == 2);

        assertThat(LogFiles.deliveredFiles(bucketDir(config))).hasSize(2);
        assertThat(requestIds(LogFiles.deliveredRecords(bucketDir(config)))).containsExactlyInAnyOrder("/first", "/second");
        assertThat(trail.stats().latestDeliveryTime()).isNotNull();
    }

    @Test
    void stopLoggingDeliversWhatWasCapturedAndStartLoggingResumes() throws Exception {
        AgentConfig config = config(ctDir);
        CaptureRing ring = ring(config);
        trail = new Trail(config, ring, new FakeSerializer());
        trail.start();
        for (int i = 0; i < 100; i++) {
            publish(ring, "/before" + i);
        }

        trail.stopLogging();

        assertThat(trail.isLogging()).isFalse();
        assertThat(trail.stats().stopLoggingTime()).isNotNull();
        assertThat(publish(ring, "/while-stopped")).isFalse();
        assertThat(requestIds(LogFiles.deliveredRecords(bucketDir(config)))).hasSize(100);

        trail.startLogging();
        assertThat(trail.isLogging()).isTrue();
        assertThat(publish(ring, "/after")).isTrue();
        trail.stop();
        assertThat(requestIds(LogFiles.deliveredRecords(bucketDir(config)))).hasSize(101).contains("/after")
                .doesNotContain("/while-stopped");
    }

    @Test
    void startDeliversWhatAKilledProcessLeftBehind() throws Exception {
        AgentConfig config = config(ctDir);
        OpenLogFile crashed = OpenLogFile.create(OpenLogFile.openDir(ctDir), 6, System.nanoTime());
        String id = UUID.randomUUID().toString();
        byte[] r = LogFiles.utf8(LogFiles.record(id, "2024-01-01T00:00:00Z"));
        crashed.append(r, r.length, 0);
        crashed.flush();
        crashed.abandon();
        Files.setLastModifiedTime(crashed.path(), FileTime.from(Instant.now().minusSeconds(60)));

        trail = new Trail(config, ring(config), new FakeSerializer());
        trail.start();
        // The orphan is deleted just after its records are delivered: wait for both.
        await("the orphan to be delivered and removed",
                () -> trail.stats().deliveredFiles() == 1 && LogFiles.partialFiles(ctDir).isEmpty());

        List<JsonNode> records = LogFiles.deliveredRecords(bucketDir(config));
        assertThat(records).extracting(x -> x.get("eventID").asText()).containsExactly(id);
        assertThat(records.get(0).get("addendum").get("reason").asText()).isEqualTo("DELIVERY_DELAY");
    }

    @Test
    void statusMBeanIsRegisteredOnlyWhenAskedAndGoneAfterStop() throws Exception {
        AgentConfig config = config(ctDir, "ct.trail.name", "mbean-trail");
        CaptureRing ring = ring(config);
        trail = new Trail(config, ring, new FakeSerializer());
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        ObjectName name = new ObjectName("dev.ctagent:type=Trail,name=mbean-trail");
        trail.start();
        assertThat(server.isRegistered(name)).isFalse();

        assertThat(trail.registerStatusMBean()).isEqualTo(name);
        publish(ring, "/x");
        server.invoke(name, "stopLogging", new Object[0], new String[0]);

        assertThat(server.getAttribute(name, "IsLogging")).isEqualTo(false);
        assertThat(server.getAttribute(name, "CapturedCount")).isEqualTo(1L);
        assertThat(server.getAttribute(name, "WrittenCount")).isEqualTo(1L);
        assertThat(server.getAttribute(name, "DeliveredFileCount")).isEqualTo(1L);
        assertThat(server.getAttribute(name, "LatestDeliveryTime")).isNotNull();
        trail.stop();
        assertThat(server.isRegistered(name)).isFalse();
    }

    private static CaptureRing ring(AgentConfig config) {
        return new CaptureRing(config.bufferCapacity(), config.whenFull(), Trail.writerTickNanos(config));
    }

    /** Publishes from {@code threads} threads at once; returns how many calls the ring accepted. */
    private static long publishConcurrently(CaptureRing ring, int threads, int perThread) throws Exception {
        CountDownLatch go = new CountDownLatch(1);
        AtomicLong accepted = new AtomicLong();
        List<Thread> all = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int thread = t;
            Thread th = new Thread(() -> {
                try {
                    go.await();
                } catch (InterruptedException e) {
                    return;
                }
                for (int i = 0; i < perThread; i++) {
                    if (publish(ring, "/t" + thread + "/" + i)) {
                        accepted.incrementAndGet();
                    }
                }
            });
            th.start();
            all.add(th);
        }
        go.countDown();
        for (Thread th : all) {
            th.join();
        }
        return accepted.get();
    }

    private static List<String> requestIds(List<JsonNode> records) {
        return records.stream().filter(r -> r.has("requestID")).map(r -> r.get("requestID").asText())
                .collect(Collectors.toList());
    }
}
