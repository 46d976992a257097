package dev.ctagent.benchmarks;

import dev.ctagent.delivery.record.RecordSerializer;
import dev.ctagent.delivery.record.SerializedRecord;
import dev.ctagent.delivery.status.TrailStats;
import dev.ctagent.delivery.writer.Trail;
import dev.ctagent.runtime.capture.CaptureRing;
import dev.ctagent.runtime.capture.CapturedCall;
import dev.ctagent.runtime.config.AgentConfig;
import dev.ctagent.runtime.config.ConfigSource;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

/**
 * Writes a real signed trail of at least the requested uncompressed size, for the validate-logs benchmark
 * ({@code benchmarks/validate-logs.sh}): {@link TypicalCalls} pushed through a real {@link Trail} and the
 * real {@link RecordSerializer} (as {@link WriterThroughput} does), digests on, then {@code stop()}, which
 * delivers the open file and the chain's final digest.
 *
 * <p>The number of calls is computed up front from the serialized lengths of the call pool (every record
 * of a pool entry has the same length: fixed-width times and ids), so the trail's log files hold at least
 * {@code <uncompressed-bytes>} of JSON. The printed uncompressed total is measured afterwards by inflating
 * every log file.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar dev.ctagent.benchmarks.TrailGenerator DIR BYTES \
 *     [--bucket ct-validate-bench] [--account 123456789012] [--region us-east-1] [--trail bench] \
 *     [--max-file-bytes 8MB] [--digest-interval PT1S] [--gzip-level 6]
 * </pre>
 *
 * The trail lands in {@code DIR/<bucket>/AWSLogs/...}; work files (signing key, ledger) in
 * {@code DIR/.ct-agent/}. DIR must not hold an earlier trail of the same name. The last lines printed are
 * {@code key=value} pairs the script reads.
 */
public final class TrailGenerator {
    private static final int POOL = 4096;
    private static final int HEADER_TRAILER = "{\"Records\":[".length() + "]}".length();

    private TrailGenerator() {}

    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            usage();
        }
        Path dir = Paths.get(args[0]).toAbsolutePath();
        long target = parseSize(args[1]);
        String bucket = "ct-validate-bench";
        String account = "123456789012";
        String region = "us-east-1";
        String trailName = "bench";
        String maxFileBytes = "8MB";
        String digestInterval = "PT1S";
        int level = 6;
        for (int i = 2; i < args.length; i += 2) {
            if (i + 1 >= args.length) {
                usage();
            }
            String v = args[i + 1];
            switch (args[i]) {
                case "--bucket": bucket = v; break;
                case "--account": account = v; break;
                case "--region": region = v; break;
                case "--trail": trailName = v; break;
                case "--max-file-bytes": maxFileBytes = v; break;
                case "--digest-interval": digestInterval = v; break;
                case "--gzip-level": level = Integer.parseInt(v); break;
                default: usage();
            }
        }
        if (Files.exists(dir.resolve(bucket))) {
            throw new IllegalStateException(dir.resolve(bucket) + " exists: give an empty directory");
        }
        Files.createDirectories(dir);

        Properties p = new Properties();
        p.setProperty("ct.dir", dir.toString());
        p.setProperty("ct.bucket", bucket);
        p.setProperty("ct.account.id", account);
        p.setProperty("ct.region", region);
        p.setProperty("ct.trail.name", trailName);
        p.setProperty("ct.gzip.level", Integer.toString(level));
        p.setProperty("ct.buffer.whenFull", "block");
        p.setProperty("ct.delivery.maxFileBytes", maxFileBytes);
        p.setProperty("ct.digest.enabled", "true");
        p.setProperty("ct.digest.interval", digestInterval);
        AgentConfig config = AgentConfig.from(ConfigSource.of(p, new Properties(), Collections.emptyMap()),
                Collections.emptyMap());

        CapturedCall[] mix = TypicalCalls.pool(POOL, 42);
        long calls = callsFor(config, mix, target);

        CaptureRing ring = new CaptureRing(config.bufferCapacity(), config.whenFull(), Trail.writerTickNanos(config));
        Trail trail = new Trail(config, ring, new RecordSerializer(config));
        Instant started = Instant.now();
        long t0 = System.nanoTime();
        trail.start();
        for (long i = 0; i < calls; i++) {
            long seq = ring.claim();
            if (seq < 0) {
                continue; // counted by the ring; checked below
            }
            try {
                TypicalCalls.copy(mix[(int) (i & (POOL - 1))], ring.slot(seq), System.currentTimeMillis());
            } finally {
                ring.publish(seq);
            }
        }
        trail.stop();
        double seconds = (System.nanoTime() - t0) / 1e9;
        TrailStats stats = trail.stats();
        if (stats.written() != calls || ring.drops().total() != 0 || stats.failed() != 0) {
            throw new IllegalStateException("trail lost calls: written=" + stats.written() + " of " + calls
                    + ", dropped=" + ring.drops().total() + ", failed=" + stats.failed());
        }
        if (stats.latestDeliveryError() != null || stats.latestDigestDeliveryError() != null) {
            throw new IllegalStateException("delivery error: " + stats.latestDeliveryError() + " / "
                    + stats.latestDigestDeliveryError());
        }

        Path bucketDir = dir.resolve(bucket);
        Path awsLogs = bucketDir.resolve("AWSLogs").resolve(account);
        List<Path> logs = gz(awsLogs.resolve("CloudTrail"));
        List<Path> digests = gz(awsLogs.resolve("CloudTrail-Digest"));
        for (Path d : digests) {
            if (!Files.isRegularFile(Paths.get(d + ".metadata.json"))) {
                throw new IllegalStateException("digest without signature sidecar: " + d);
            }
        }
        long compressed = 0;
        long uncompressed = 0;
        byte[] buf = new byte[1 << 16];
        for (Path log : logs) {
            compressed += Files.size(log);
            try (InputStream in = new GZIPInputStream(Files.newInputStream(log), 1 << 16)) {
                for (int n; (n = in.read(buf)) > 0; ) {
                    uncompressed += n;
                }
            }
        }
        if (uncompressed < target) {
            throw new IllegalStateException("only " + uncompressed + " uncompressed bytes, wanted " + target);
        }
        if (stats.deliveredDigests() != digests.size() || stats.deliveredFiles() != logs.size()) {
            throw new IllegalStateException("stats say " + stats.deliveredFiles() + " files, " + stats.deliveredDigests()
                    + " digests; found " + logs.size() + ", " + digests.size());
        }
        System.out.printf(Locale.ROOT, "# generated in %.1f s: %,d calls, %d log files, %d digests, %,d bytes"
                + " uncompressed, %,d compressed (%.1fx)%n", seconds, calls, logs.size(), digests.size(),
                uncompressed, compressed, (double) uncompressed / compressed);
        System.out.println("trail_dir=" + bucketDir);
        System.out.println("bucket=" + bucket);
        System.out.println("account=" + account);
        System.out.println("region=" + region);
        System.out.println("trail=" + trailName);
        System.out.println("started=" + started.getEpochSecond());
        System.out.println("calls=" + calls);
        System.out.println("log_files=" + logs.size());
        System.out.println("digests=" + digests.size());
        System.out.println("uncompressed_bytes=" + uncompressed);
        System.out.println("compressed_bytes=" + compressed);
    }

    /**
     * How many calls, cycling through {@code mix}, make at least {@code target} bytes of log files:
     * each record plus its separator; file headers and trailers only add to that.
     */
    private static long callsFor(AgentConfig config, CapturedCall[] mix, long target) {
        RecordSerializer serializer = new RecordSerializer(config);
        long[] lengths = new long[mix.length];
        long cycle = 0;
        for (int i = 0; i < mix.length; i++) {
            CapturedCall c = new CapturedCall();
            TypicalCalls.copy(mix[i], c, System.currentTimeMillis());
            SerializedRecord r = serializer.serialize(c);
            lengths[i] = r.length + 1L;
            cycle += lengths[i];
        }
        long need = Math.max(0, target - HEADER_TRAILER);
        long calls = need / cycle * mix.length;
        long have = need / cycle * cycle;
        for (int i = 0; have < need; i++) {
            have += lengths[i];
            calls++;
        }
        return Math.max(calls, 1);
    }

    private static List<Path> gz(Path root) throws IOException {
        if (!Files.isDirectory(root)) {
            return Collections.emptyList();
        }
        try (Stream<Path> s = Files.walk(root)) {
            return s.filter(f -> f.getFileName().toString().endsWith(".json.gz")).sorted().collect(Collectors.toList());
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    private static long parseSize(String v) {
        String s = v.trim().toUpperCase(Locale.ROOT);
        long mult = 1;
        if (s.endsWith("GB")) {
            mult = 1L << 30;
        } else if (s.endsWith("MB")) {
            mult = 1L << 20;
        } else if (s.endsWith("KB")) {
            mult = 1L << 10;
        }
        if (mult != 1) {
            s = s.substring(0, s.length() - 2);
        }
        return Long.parseLong(s.trim()) * mult;
    }

    private static void usage() {
        System.err.println("usage: TrailGenerator DIR BYTES[KB|MB|GB] [--bucket B] [--account A] [--region R]"
                + " [--trail T] [--max-file-bytes 8MB] [--digest-interval PT1S] [--gzip-level 6]");
        System.exit(2);
    }
}
