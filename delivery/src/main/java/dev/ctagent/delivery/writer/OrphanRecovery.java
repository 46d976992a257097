package dev.ctagent.delivery.writer;

import dev.ctagent.delivery.logfile.OpenLogFile;
import dev.ctagent.delivery.logfile.PartialLogReader;
import dev.ctagent.delivery.status.ErrorReporter;
import java.io.IOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.DirectoryIteratorException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Delivers what writers left behind in the open folder: partial files of a process killed with -9, files
 * abandoned after a write error, finished files whose delivery failed. A file is an orphan when no process
 * holds its lock (a live writer keeps it until the file is delivered) and it has not changed for
 * {@code minAge} (zero for a trail; tests may ask for more). Each orphan's complete records become a new log file, every record marked
 * {@code "addendum":{"reason":"DELIVERY_DELAY"}}; the orphan is deleted only once that file is delivered.
 * Writer thread only.
 */
final class OrphanRecovery {
    private final Path openDir;
    private final int gzipLevel;
    private final long minAgeMillis;
    private final LogFileDelivery delivery;
    private final ErrorReporter errors;

    OrphanRecovery(Path openDir, int gzipLevel, Duration minAge, LogFileDelivery delivery, ErrorReporter errors) {
        this.openDir = openDir;
        this.gzipLevel = gzipLevel;
        this.minAgeMillis = minAge.toMillis();
        this.delivery = delivery;
        this.errors = errors;
    }

    /** One pass over the open folder; true when no orphan was left undelivered. */
    boolean recoverAll() {
        boolean clean = true;
        for (Path orphan : candidates()) {
            try {
                clean &= recover(orphan);
            } catch (NoSuchFileException goneMeanwhile) {
                // another process recovered it first
            } catch (IOException | RuntimeException e) {
                errors.deliveryError("recovering " + orphan.getFileName(), e);
                clean = false;
            }
        }
        return clean;
    }

    private List<Path> candidates() {
        List<Path> out = new ArrayList<>();
        if (!Files.isDirectory(openDir)) {
            return out;
        }
        long youngest = System.currentTimeMillis() - minAgeMillis;
        try (DirectoryStream<Path> dir = Files.newDirectoryStream(openDir, "*" + OpenLogFile.PARTIAL_SUFFIX)) {
            for (Path p : dir) {
                if (!OpenLogFile.isOpenInThisJvm(p) && Files.getLastModifiedTime(p).toMillis() <= youngest) {
                    out.add(p);
                }
            }
        } catch (IOException | DirectoryIteratorException e) {
            errors.deliveryError("listing " + openDir, e);
        }
        return out;
    }

    /** True when the orphan is dealt with (delivered, empty, or owned by a live process). */
    private boolean recover(Path orphan) throws IOException {
        try (FileChannel ch = FileChannel.open(orphan, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            FileLock lock;
            try {
                lock = ch.tryLock();
            } catch (OverlappingFileLockException heldHere) {
                return true;
            }
            if (lock == null) {
                return true; // a live process is writing it
            }
            if (!Files.exists(orphan)) {
                return true; // recovered and deleted by another process while we waited for the lock
            }
            OpenLogFile salvaged = salvage(ch, Files.getLastModifiedTime(orphan).toMillis());
            if (salvaged != null && !delivery.finishAndDeliver(salvaged)) {
                // keep the original, drop the copy: the next pass starts again from the orphan
                Files.deleteIfExists(salvaged.path());
                return false;
            }
            Files.delete(orphan); // while still locked, so no other process can start on it
            lock.release();
            return true;
        }
    }

    /** The orphan's complete records in a new open file, or null when it has none. */
    private OpenLogFile salvage(FileChannel orphan, long fallbackEventTimeMillis) throws IOException {
        OpenLogFile out = null;
        try (PartialLogReader records = PartialLogReader.open(Channels.newInputStream(orphan),
                fallbackEventTimeMillis)) {
            while (records.next()) {
                if (out == null) {
                    out = OpenLogFile.create(openDir, gzipLevel, System.nanoTime());
                }
                out.append(records.record(), records.length(), records.eventTimeMillis());
            }
            return out;
        } catch (IOException | RuntimeException e) {
            if (out != null) {
                out.abandon();
                Files.deleteIfExists(out.path());
            }
            throw e;
        }
    }
}
