package dev.ctagent.delivery.notify;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * The delivered log files one target has not yet been told about, one key per line in a file so that a
 * restart does not forget them, plus a marker once the target has received CloudTrail's validation
 * message. Keys never contain a line break (they are CloudTrail log keys).
 */
final class PendingNotices {
    private final Path file;
    private final Path validatedMarker;
    private final Deque<String> keys = new ArrayDeque<>();
    private volatile boolean validated;

    PendingNotices(Path dir, String targetId) throws IOException {
        Files.createDirectories(dir);
        this.file = dir.resolve("notify-" + targetId + ".pending");
        this.validatedMarker = dir.resolve("notify-" + targetId + ".validated");
        this.validated = Files.exists(validatedMarker);
        if (Files.exists(file)) {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                if (!line.isEmpty()) {
                    keys.addLast(line);
                }
            }
        }
    }

    synchronized void add(String key) throws IOException {
        Files.write(file, (key + "\n").getBytes(StandardCharsets.UTF_8), StandardOpenOption.CREATE,
                StandardOpenOption.APPEND);
        keys.addLast(key);
    }

    synchronized boolean isEmpty() {
        return keys.isEmpty();
    }

    synchronized int size() {
        return keys.size();
    }

    /** Up to {@code max} of the oldest keys, left in place until {@link #drop}. */
    synchronized List<String> oldest(int max) {
        List<String> out = new ArrayList<>(Math.min(max, keys.size()));
        for (String k : keys) {
            if (out.size() == max) {
                break;
            }
            out.add(k);
        }
        return out;
    }

    /** The {@code n} oldest keys were announced: rewrite the file without them. */
    synchronized void drop(int n) throws IOException {
        for (int i = 0; i < n && !keys.isEmpty(); i++) {
            keys.pollFirst();
        }
        StringBuilder rest = new StringBuilder();
        for (String k : keys) {
            rest.append(k).append('\n');
        }
        Path incoming = file.resolveSibling(file.getFileName() + ".incoming");
        Files.write(incoming, rest.toString().getBytes(StandardCharsets.UTF_8));
        Files.move(incoming, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    boolean validated() {
        return validated;
    }

    void markValidated() throws IOException {
        validated = true;
        Files.write(validatedMarker, new byte[0]);
    }
}
