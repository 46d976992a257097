package dev.ctagent.delivery.validation;

import dev.ctagent.delivery.digest.SignatureSidecar;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * A directory standing for a bucket: object {@code K} is the file {@code <dir>/K}; the bucket's name is the
 * directory's name. The user metadata of {@code K} is its {@link SignatureSidecar} {@code K.metadata.json}
 * (none when the sidecar is missing or unreadable). Hidden entries (names starting with '.', such as the
 * in-flight files a delivery renames into place) are not objects. Keys that would leave the directory
 * ({@code ..}, absolute, empty segments) name no object.
 */
public final class LocalTrailStore implements TrailStore {
    /** UTF-8 byte order, which is code point order: like {@link String#compareTo} except for surrogates. */
    public static final Comparator<String> BYTE_ORDER = LocalTrailStore::compareUtf8;

    private final Path dir;
    private final String bucket;

    public LocalTrailStore(Path bucketDir) {
        this.dir = bucketDir.toAbsolutePath().normalize();
        Path name = dir.getFileName();
        this.bucket = name == null ? "" : name.toString();
    }

    /**
     * The directory standing for the bucket, given a folder a user names: {@code dir} itself when it holds
     * {@code [prefix/]AWSLogs}, else its only subdirectory that does (the agent's {@code ct.dir} holds
     * {@code <ct.bucket>/AWSLogs/...}).
     *
     * @throws IllegalArgumentException naming what was looked for, when there is no such directory or
     *     several candidates
     */
    public static Path locate(Path dir, String prefix) throws IOException {
        String logs = (prefix.isEmpty() ? "" : prefix + "/") + "AWSLogs";
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException(dir + ": no such directory");
        }
        if (Files.isDirectory(dir.resolve(logs))) {
            return dir;
        }
        List<Path> candidates = new ArrayList<>();
        try (DirectoryStream<Path> children = Files.newDirectoryStream(dir, Files::isDirectory)) {
            for (Path child : children) {
                if (Files.isDirectory(child.resolve(logs))) {
                    candidates.add(child);
                }
            }
        }
        if (candidates.size() == 1) {
            return candidates.get(0);
        }
        if (candidates.isEmpty()) {
            throw new IllegalArgumentException(dir + ": no " + logs + " folder in it or in any of its subdirectories");
        }
        Collections.sort(candidates);
        throw new IllegalArgumentException(dir + ": several subdirectories hold " + logs + " " + candidates
                + "; name one of them");
    }

    public Path directory() {
        return dir;
    }

    @Override
    public String bucket() {
        return bucket;
    }

    @Override
    public List<String> list(String prefix) throws IOException {
        int slash = prefix.lastIndexOf('/');
        String folderKey = slash < 0 ? "" : prefix.substring(0, slash + 1);
        Path start = pathOf(folderKey);
        List<String> keys = new ArrayList<>();
        if (start == null || !Files.isDirectory(start)) {
            return keys;
        }
        Files.walkFileTree(start, new SimpleFileVisitor<Path>() {
            @Override
            public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes attrs) {
                return !d.equals(start) && hidden(d) ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                if (attrs.isRegularFile() && !hidden(file)) {
                    String key = keyOf(file);
                    if (key.startsWith(prefix)) {
                        keys.add(key);
                    }
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
                if (e instanceof NoSuchFileException) {
                    return FileVisitResult.CONTINUE; // removed while listing
                }
                throw e;
            }
        });
        keys.sort(BYTE_ORDER);
        return keys;
    }

    @Override
    public List<String> listFolders(String prefix) throws IOException {
        int slash = prefix.lastIndexOf('/');
        String folderKey = slash < 0 ? "" : prefix.substring(0, slash + 1);
        String namePrefix = prefix.substring(folderKey.length());
        Path folder = pathOf(folderKey);
        List<String> folders = new ArrayList<>();
        if (folder == null || !Files.isDirectory(folder)) {
            return folders;
        }
        try (DirectoryStream<Path> children = Files.newDirectoryStream(folder)) {
            for (Path child : children) {
                String name = child.getFileName().toString();
                if (!hidden(child) && name.startsWith(namePrefix) && Files.isDirectory(child)) {
                    folders.add(folderKey + name + "/");
                }
            }
        }
        folders.sort(BYTE_ORDER);
        return folders;
    }

    @Override
    public InputStream open(String key) throws IOException {
        Path file = pathOf(key);
        if (file == null || !Files.isRegularFile(file)) {
            throw new NoSuchKeyException(bucket, key);
        }
        try {
            return Files.newInputStream(file);
        } catch (NoSuchFileException e) {
            throw new NoSuchKeyException(bucket, key);
        }
    }

    @Override
    public byte[] read(String key) throws IOException {
        Path file = pathOf(key);
        if (file == null || !Files.isRegularFile(file)) {
            throw new NoSuchKeyException(bucket, key);
        }
        try {
            return Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new NoSuchKeyException(bucket, key);
        }
    }

    @Override
    public Map<String, String> metadata(String key) throws IOException {
        Path file = pathOf(key);
        if (file == null || !Files.isRegularFile(file)) {
            throw new NoSuchKeyException(bucket, key);
        }
        Path sidecar = pathOf(SignatureSidecar.keyFor(key));
        byte[] json;
        try {
            json = Files.readAllBytes(sidecar);
        } catch (NoSuchFileException e) {
            return Map.of();
        }
        try {
            return SignatureSidecar.fromJson(json);
        } catch (IOException unreadable) {
            return Map.of();
        }
    }

    /** The file of a key, or null when the key cannot name a file inside the directory. */
    private Path pathOf(String key) {
        if (key.isEmpty()) {
            return dir;
        }
        if (key.startsWith("/") || key.indexOf('\0') >= 0 || key.indexOf('\\') >= 0) {
            return null;
        }
        String[] segments = key.split("/", -1);
        for (int i = 0; i < segments.length; i++) {
            String s = segments[i];
            boolean trailing = i == segments.length - 1 && s.isEmpty() && i > 0;
            if ((s.isEmpty() && !trailing) || s.equals(".") || s.equals("..")) {
                return null;
            }
        }
        Path p = dir.resolve(key).normalize();
        return p.startsWith(dir) ? p : null;
    }

    private String keyOf(Path file) {
        Path rel = dir.relativize(file);
        StringBuilder key = new StringBuilder(96);
        for (Path part : rel) {
            if (key.length() > 0) {
                key.append('/');
            }
            key.append(part);
        }
        return key.toString();
    }

    private static boolean hidden(Path p) {
        Path name = p.getFileName();
        return name != null && name.toString().startsWith(".");
    }

    private static int compareUtf8(String a, String b) {
        int n = Math.min(a.length(), b.length());
        for (int i = 0; i < n; i++) {
            char x = a.charAt(i);
            char y = b.charAt(i);
            if (x != y) {
                boolean sx = Character.isSurrogate(x);
                boolean sy = Character.isSurrogate(y);
                if (sx != sy) {
                    return sx ? 1 : -1;
                }
                return x - y;
            }
        }
        return a.length() - b.length();
    }
}
