package dev.ctagent.delivery.destination;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ctagent.delivery.logfile.FinishedLogFile;
import dev.ctagent.delivery.logfile.LogFileKey;
import dev.ctagent.delivery.logfile.LogFiles;
import dev.ctagent.delivery.logfile.OpenLogFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalDirectoryDestinationTest {
    @TempDir
    Path ctDir;

    private final LogFileKey keys = new LogFileKey("pre", "123456789012", "us-east-1", new Random(3));

    @Test
    void movesTheFileUnderBucketAndKey() throws Exception {
        LocalDirectoryDestination dest = new LocalDirectoryDestination(ctDir, "my-bucket");
        FinishedLogFile file = finished(3);
        byte[] bytes = Files.readAllBytes(file.localPath());

        dest.deliver(file);

        Path target = ctDir.resolve("my-bucket").resolve(file.key());
        assertThat(dest.pathOf(file.key())).isEqualTo(target);
        assertThat(target).exists().hasBinaryContent(bytes);
        assertThat(file.localPath()).doesNotExist();
        assertThat(LogFiles.records(target)).hasSize(3);
    }

    @Test
    void aFailedDeliveryShowsNothingUnderTheKey() throws Exception {
        LocalDirectoryDestination dest = new LocalDirectoryDestination(ctDir, "b-1");
        FinishedLogFile file = finished(1);
        Files.delete(file.localPath());

        assertThatThrownBy(() -> dest.deliver(file)).isInstanceOf(IOException.class);
        assertThat(dest.pathOf(file.key())).doesNotExist();
    }

    @Test
    void readersOnlyEverSeeCompleteFiles() throws Exception {
        LocalDirectoryDestination dest = new LocalDirectoryDestination(ctDir, "bucket");
        AtomicBoolean done = new AtomicBoolean();
        AtomicReference<Throwable> problem = new AtomicReference<>();
        Thread reader = new Thread(() -> {
            try {
                while (!done.get()) {
                    for (Path p : LogFiles.deliveredFiles(dest.bucketDir())) {
                        assertThat(LogFileKey.CPL_LOG_FILE.matcher(p.toString()).matches()).as("%s", p).isTrue();
                        LogFiles.records(p); // must be a whole single-member file
                    }
                }
            } catch (Throwable t) {
                problem.set(t);
            }
        });
        reader.start();
        for (int i = 0; i < 40; i++) {
            dest.deliver(finished(200));
        }
        done.set(true);
        reader.join();

        assertThat(problem.get()).isNull();
        List<Path> all = LogFiles.deliveredFiles(dest.bucketDir());
        assertThat(all).hasSize(40).allSatisfy(p -> assertThat(p.toString()).endsWith(".json.gz"));
    }

    private FinishedLogFile finished(int records) throws IOException {
        OpenLogFile open = OpenLogFile.create(OpenLogFile.openDir(ctDir), 6, System.nanoTime());
        for (int i = 0; i < records; i++) {
            byte[] r = LogFiles.utf8(LogFiles.record("00000000-0000-4000-8000-" + String.format("%012d", i),
                    "2024-01-01T00:00:00Z"));
            open.append(r, r.length, 0);
        }
        Instant now = Instant.now();
        return open.finish(keys.forDelivery(now), now);
    }
}
