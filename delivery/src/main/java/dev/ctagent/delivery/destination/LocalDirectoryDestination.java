package dev.ctagent.delivery.destination;

import dev.ctagent.delivery.digest.SignatureSidecar;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;

/**
 * Delivers into {@code <ct.dir>/<bucket>/<key>}, a directory tree shaped like the S3 bucket CloudTrail
 * would write. The file appears by an atomic rename, so a reader sees either nothing or the whole file.
 * User metadata, which a directory cannot hold, goes into a {@link SignatureSidecar} written first.
 */
public final class LocalDirectoryDestination implements Destination {
    private final Path bucketDir;

    public LocalDirectoryDestination(Path ctDir, String bucket) {
        this.bucketDir = ctDir.resolve(bucket);
    }

    /** The directory standing for the bucket. */
    public Path bucketDir() {
        return bucketDir;
    }

    /** Where the object with {@code key} lives. */
    public Path pathOf(String key) {
        return bucketDir.resolve(key);
    }

    @Override
    public String location() {
        return bucketDir.toString();
    }

    @Override
    public void deliver(String key, Path file) throws IOException {
        Path target = pathOf(key);
        Files.createDirectories(target.getParent());
        try {
            Files.move(file, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException otherFileSystem) {
            copyThenRename(file, target);
        }
    }

    @Override
    public void put(String key, byte[] body, Map<String, String> metadata) throws IOException {
        Path target = pathOf(key);
        Files.createDirectories(target.getParent());
        Path sidecar = pathOf(SignatureSidecar.keyFor(key));
        if (metadata.isEmpty()) {
            Files.deleteIfExists(sidecar); // a replaced object's metadata goes with it, as in S3
        } else {
            writeAtomically(sidecar, SignatureSidecar.toJson(metadata));
        }
        writeAtomically(target, body);
    }

    private static void writeAtomically(Path target, byte[] bytes) throws IOException {
        Path hidden = target.resolveSibling("." + target.getFileName() + ".incoming");
        try {
            Files.write(hidden, bytes);
            Files.move(hidden, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(hidden);
            throw e;
        }
    }

    /** For a bucket directory mounted elsewhere: copy under a hidden name, then rename in place. */
    private static void copyThenRename(Path source, Path target) throws IOException {
        Path hidden = target.resolveSibling("." + target.getFileName() + ".incoming");
        try {
            Files.copy(source, hidden, StandardCopyOption.REPLACE_EXISTING);
            Files.move(hidden, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(hidden);
            throw e;
        }
        Files.delete(source);
    }
}
