package dev.ctagent.delivery.writer;

import static dev.ctagent.delivery.writer.TestTrails.await;
import static dev.ctagent.delivery.writer.TestTrails.bucketDir;
import static dev.ctagent.delivery.writer.TestTrails.config;
import static dev.ctagent.delivery.writer.TestTrails.publish;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ctagent.delivery.destination.LocalDirectoryDestination;
import dev.ctagent.delivery.logfile.LogFiles;
import dev.ctagent.delivery.notify.Notification;
import dev.ctagent.runtime.capture.CaptureRing;
import dev.ctagent.runtime.config.AgentConfig;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A trail delivering to a remote destination through the spool, with notifications. */
class SpooledTrailTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path ctDir;

    private final List<Trail> trails = new ArrayList<>();
    private final Map<Trail, CaptureRing> rings = new IdentityHashMap<>();

    @AfterEach
    void stopTrails() {
        trails.forEach(Trail::stop);
    }

    @Test
    void aDestinationThatIsDownForAWhileLosesNothingAndTheStatusShowsThenClearsTheError() throws Exception {
        AgentConfig config = fastConfig();
        SwitchableDestination remote = remote(config);
        RecordingNotifier notifier = new RecordingNotifier();
        remote.down = true;
        Trail trail = start(config, remote, notifier);

        int published = publishMany(trail, config, 300);
        // the destination counts a refusal as it throws; the error is reported just after
        await("files to wait in the spool", () -> trail.stats().spooledFiles() >= 3 && remote.refused >= 2
                && trail.stats().latestDeliveryError() != null);
        assertThat(trail.stats().latestDeliveryError()).contains("endpoint down").contains("waiting in the spool");
        assertThat(remote.arrived).isEmpty();

        remote.down = false;
        await("the spool to empty and the error to clear",
                () -> trail.stats().spooledFiles() == 0 && trail.stats().latestDeliveryError() == null);
        trail.stop();

        List<JsonNode> records = LogFiles.deliveredRecords(bucketDir(config));
        assertThat(records).hasSize(published);
        assertThat(trail.stats().spoolDroppedFiles()).isZero();
        assertDigestsFollowTheirLogFiles(remote.arrived);
        assertThat(Digests.listedLogFiles(bucketDir(config))).containsExactlyInAnyOrderElementsOf(logKeys(remote.arrived));
        assertThat(announcedKeys(notifier)).containsExactlyInAnyOrderElementsOf(logKeys(remote.arrived));
    }

    @Test
    void filesLeftInTheSpoolAtStopAreDeliveredByTheNextStart() throws Exception {
        AgentConfig config = fastConfig();
        SwitchableDestination remote = remote(config);
        remote.down = true;
        Trail first = start(config, remote);
        int published = publishMany(first, config, 100);
        first.stop(); // the last file goes into the spool; the destination is still down

        assertThat(remote.arrived).isEmpty();
        remote.down = false;
        Trail second = start(config, remote);
        await("the previous process's files", () -> second.stats().spooledFiles() == 0 && !remote.arrived.isEmpty());
        assertThat(LogFiles.deliveredRecords(bucketDir(config))).hasSize(published);
        second.stop();
        assertDigestsFollowTheirLogFiles(remote.arrived);
    }

    @Test
    void notifiersGetTheValidationMessageFirstThenEveryDeliveredKeyEvenAfterBeingDown() throws Exception {
        AgentConfig config = fastConfig();
        SwitchableDestination remote = remote(config);
        RecordingNotifier notifier = new RecordingNotifier();
        notifier.down = true;
        Trail trail = start(config, remote, notifier);
        publishMany(trail, config, 100);
        await("a failed notification", () -> trail.stats().latestNotificationError() != null);
        assertThat(trail.stats().latestNotificationError()).contains("receiver down");
        // a failed message is resent unchanged
        await("a retry", () -> notifier.attemptedIds.size() >= 2);
        assertThat(notifier.attemptedIds.get(1)).isEqualTo(notifier.attemptedIds.get(0));

        notifier.down = false;
        await("notifications", () -> !notifier.accepted.isEmpty() && trail.stats().latestNotificationError() == null);
        trail.stop();

        assertThat(notifier.accepted.get(0).message()).isEqualTo(Notification.VALIDATION_MESSAGE);
        assertThat(notifier.accepted.stream().filter(n -> n.message().equals(Notification.VALIDATION_MESSAGE)))
                .hasSize(1);
        assertThat(announcedKeys(notifier)).containsExactlyInAnyOrderElementsOf(logKeys(remote.arrived));
        for (Notification n : notifier.accepted.subList(1, notifier.accepted.size())) {
            assertThat(JSON.readTree(n.message()).get("s3Bucket").asText()).isEqualTo(config.bucket());
        }
    }

    @Test
    void aLocalDirectoryTrailAlsoNotifies() throws Exception {
        AgentConfig config = fastConfig();
        RecordingNotifier notifier = new RecordingNotifier();
        CaptureRing ring = ring(config);
        Trail trail = new Trail(config, ring, new FakeSerializer(),
                new LocalDirectoryDestination(config.dir(), config.bucket()), false, List.of(notifier));
        trails.add(trail);
        rings.put(trail, ring);
        trail.start();
        publishMany(trail, config, 50);
        trail.stop();

        List<String> delivered = Digests.keys(bucketDir(config), LogFiles.deliveredFiles(bucketDir(config)));
        assertThat(delivered).isNotEmpty();
        assertThat(announcedKeys(notifier)).containsExactlyInAnyOrderElementsOf(delivered);
    }

    private AgentConfig fastConfig() throws Exception {
        return config(ctDir, "ct.delivery.interval", "0.05", "ct.flush.interval", "0.02", "ct.digest.interval", "PT1S",
                "ct.retry.initialBackoff", "0.02", "ct.retry.maxBackoff", "0.1");
    }

    private static SwitchableDestination remote(AgentConfig config) {
        return new SwitchableDestination(new LocalDirectoryDestination(config.dir(), config.bucket()));
    }

    private Trail start(AgentConfig config, SwitchableDestination remote, RecordingNotifier... notifiers)
            throws Exception {
        CaptureRing ring = ring(config);
        Trail trail = new Trail(config, ring, new FakeSerializer(), remote, true, List.of(notifiers));
        trails.add(trail);
        rings.put(trail, ring);
        trail.start();
        return trail;
    }

    /** Publishes {@code n} calls spread over several log files; returns how many the ring took. */
    private int publishMany(Trail trail, AgentConfig config, int n) throws Exception {
        CaptureRing ring = rings.get(trail);
        int accepted = 0;
        for (int i = 0; i < n; i++) {
            if (publish(ring, "/call/" + i)) {
                accepted++;
            }
            if (i % 25 == 24) {
                Thread.sleep(60); // past the delivery interval: the next call starts a new file
            }
        }
        long target = accepted;
        await("the writer to take every call", () -> trail.stats().written() == target);
        return accepted;
    }

    /** Every file a digest lists, and the digest before it, arrived before it: the chain verifies at every moment. */
    private void assertDigestsFollowTheirLogFiles(List<String> arrived) throws Exception {
        assertThat(arrived.stream().filter(k -> !k.contains("/CloudTrail-PublicKey/"))) // keys: republished per start
                .doesNotHaveDuplicates();
        List<JsonNode> digests = Digests.documents(ctDir.resolve(TestTrails.BUCKET));
        assertThat(digests).isNotEmpty();
        for (JsonNode d : digests) {
            int at = arrived.indexOf(d.get("digestS3Object").asText());
            assertThat(at).as("digest arrived").isGreaterThanOrEqualTo(0);
            for (JsonNode f : d.get("logFiles")) {
                assertThat(arrived.indexOf(f.get("s3Object").asText())).isBetween(0, at - 1);
            }
            if (!d.get("previousDigestS3Object").isNull()) {
                assertThat(arrived.indexOf(d.get("previousDigestS3Object").asText())).isBetween(0, at - 1);
            }
        }
    }

    private static List<String> logKeys(List<String> arrived) {
        List<String> logs = new ArrayList<>();
        for (String k : arrived) {
            if (k.contains("/CloudTrail/")) {
                logs.add(k);
            }
        }
        return logs;
    }

    private static List<String> announcedKeys(RecordingNotifier notifier) throws Exception {
        List<String> keys = new ArrayList<>();
        for (Notification n : notifier.accepted) {
            if (!n.message().equals(Notification.VALIDATION_MESSAGE)) {
                JSON.readTree(n.message()).get("s3ObjectKey").forEach(k -> keys.add(k.asText()));
            }
        }
        return keys;
    }

    private static CaptureRing ring(AgentConfig config) {
        return new CaptureRing(config.bufferCapacity(), config.whenFull(), Trail.writerTickNanos(config));
    }
}
