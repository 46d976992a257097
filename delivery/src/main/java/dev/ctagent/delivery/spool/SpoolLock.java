package dev.ctagent.delivery.spool;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Gives each running trail a spool of its own: {@code <dir>}, or {@code <dir>-2}, {@code <dir>-3}... when
 * another live process (or trail) holds the first, as when JVMs share one {@code ct.dir}. Held until the
 * trail stops or the process exits, so a restarted process picks up the first free spool, with whatever
 * the previous one left in it.
 */
public final class SpoolLock {
    private static final int MAX_SPOOLS = 64;

    private final Path dir;
    private final FileChannel channel;

    private SpoolLock(Path dir, FileChannel channel) {
        this.dir = dir;
        this.channel = channel;
    }

    /** Locks the first free spool directory. */
    public static SpoolLock claim(Path dir) throws IOException {
        for (int i = 1; i <= MAX_SPOOLS; i++) {
            Path candidate = i == 1 ? dir : dir.resolveSibling(dir.getFileName() + "-" + i);
            Files.createDirectories(candidate);
            FileChannel ch = FileChannel.open(candidate.resolve(".lock"), StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE);
            FileLock lock;
            try {
                lock = ch.tryLock();
            } catch (OverlappingFileLockException heldInThisJvm) {
                lock = null;
            }
            if (lock != null) {
                return new SpoolLock(candidate, ch); // the open channel holds the lock
            }
            ch.close();
        }
        throw new IOException("no free delivery spool: " + MAX_SPOOLS + " trails hold " + dir + "-*");
    }

    public Path dir() {
        return dir;
    }

    public void release() {
        try {
            channel.close();
        } catch (IOException e) {
            // the lock goes with the process anyway
        }
    }
}
