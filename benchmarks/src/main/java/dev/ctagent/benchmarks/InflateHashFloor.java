package dev.ctagent.benchmarks;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

/**
 * The floor under any JVM validate-logs on this machine: inflate every log file of a trail and SHA-256
 * the inflated bytes, nothing else (no digest parsing, no signature, no comparison, no output per file),
 * on {@code --threads} threads, largest files first. Run as a fresh JVM by {@code validate-logs.sh}, so
 * its wall time includes JVM start-up like {@code ct-agent.jar validate-logs} does.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar dev.ctagent.benchmarks.InflateHashFloor TRAIL_DIR [--threads N]
 * </pre>
 *
 * Prints {@code <log files> <uncompressed bytes>} and, on stderr, the in-process time.
 */
public final class InflateHashFloor {
    private InflateHashFloor() {}

    public static void main(String[] args) throws Exception {
        if (args.length != 1 && !(args.length == 3 && args[1].equals("--threads"))) {
            System.err.println("usage: InflateHashFloor TRAIL_DIR [--threads N]");
            System.exit(2);
        }
        int threads = args.length == 3 ? Integer.parseInt(args[2]) : Runtime.getRuntime().availableProcessors();
        long t0 = System.nanoTime();
        List<Path> logs;
        try (Stream<Path> s = Files.walk(Paths.get(args[0]))) {
            logs = s.filter(p -> p.getFileName().toString().endsWith(".json.gz"))
                    .filter(p -> p.getParent().toString().contains("/CloudTrail/"))
                    .collect(Collectors.toList());
        }
        logs.sort(Comparator.comparingLong(InflateHashFloor::size).reversed());
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<Long>> results = new ArrayList<>();
        for (Path log : logs) {
            results.add(pool.submit(() -> inflateAndHash(log)));
        }
        long total = 0;
        for (Future<Long> f : results) {
            total += f.get();
        }
        pool.shutdown();
        double seconds = (System.nanoTime() - t0) / 1e9;
        System.out.println(logs.size() + " " + total);
        System.err.printf(Locale.ROOT, "# %d threads: %d files, %.1f MB in %.3f s in-process (%.0f MB/s)%n", threads,
                logs.size(), total / 1e6, seconds, total / 1e6 / seconds);
    }

    private static long inflateAndHash(Path log) throws Exception {
        MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
        byte[] buf = new byte[1 << 16];
        long n = 0;
        try (InputStream in = new GZIPInputStream(Files.newInputStream(log), 1 << 16)) {
            for (int k; (k = in.read(buf)) > 0; ) {
                sha256.update(buf, 0, k);
                n += k;
            }
        }
        if (sha256.digest().length != 32) {
            throw new IllegalStateException();
        }
        return n;
    }

    private static long size(Path p) {
        try {
            return Files.size(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
