package dev.ctagent.benchmarks;

import dev.ctagent.delivery.record.RecordSerializer;
import dev.ctagent.delivery.record.SerializedRecord;
import dev.ctagent.delivery.status.TrailStats;
import dev.ctagent.delivery.writer.Trail;
import dev.ctagent.runtime.capture.CaptureRing;
import dev.ctagent.runtime.capture.CapturedCall;
import dev.ctagent.runtime.config.AgentConfig;
import dev.ctagent.runtime.config.ConfigException;
import dev.ctagent.runtime.config.ConfigSource;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;

/**
 * Writer throughput: how many captured calls a second go from the ring to finished, delivered gzip log
 * files, with nothing dropped ({@code ct.buffer.whenFull=block}; the run fails if a call is lost).
 *
 * <p>For each gzip level, each run pushes {@code --events} calls of {@link TypicalCalls} through a real
 * {@link Trail} (default 65 536-slot ring, default delivery interval, files rolled at the default
 * {@code ct.delivery.maxFileBytes} of 64 MB uncompressed, local directory destination in a temporary
 * folder), timed from {@code start()} to the return of {@code stop()} (everything delivered). Next to it,
 * in the same JVM and run, the single-thread bound: the same records serialized by {@link RecordSerializer}
 * into a SHA-256-digested {@link GZIPOutputStream} of the same level and buffer, rolled at the same size,
 * with no ring and no writer thread. Warm-up runs come first and are not reported.
 *
 * <p>With {@code --s3}, every run also pushes the same calls through a trail delivering to S3: S3Proxy on
 * loopback in this JVM (filesystem store, SigV4 checked), reached through the agent's spool, delivery thread
 * and shaded-in-production SDK client, exactly as {@code ct.s3.bucket} configures it. That run is timed until
 * {@code stop()} returns, when the spool is empty and every file is in the bucket, and is reported as a
 * ratio to the local-directory run of the same round.
 *
 * <pre>
 * java -Xms1g -Xmx1g -cp benchmarks/target/benchmarks.jar dev.ctagent.benchmarks.WriterThroughput \
 *     [--events 1000000] [--runs 3] [--warmup-events 300000] [--levels 6,1] [--dir /tmp/...] [--s3]
 * </pre>
 */
public final class WriterThroughput {
    private static final byte[] HEADER = "{\"Records\":[".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] TRAILER = "]}".getBytes(StandardCharsets.US_ASCII);
    private static final int DEFLATE_BUFFER_BYTES = 64 * 1024; // as OpenLogFile
    private static final int POOL = 4096; // distinct calls, cycled

    private static final com.sun.management.OperatingSystemMXBean OS =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    private final CapturedCall[] mix = TypicalCalls.pool(POOL, 42);
    private final Path base;
    private final LoopbackS3 s3;
    private int runCounter;

    private WriterThroughput(Path base, LoopbackS3 s3) {
        this.base = base;
        this.s3 = s3;
    }

    public static void main(String[] args) throws Exception {
        long events = 1_000_000;
        long warmupEvents = 300_000;
        int runs = 3;
        int[] levels = {3, 6, 1};
        Path dir = null;
        boolean withS3 = false;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            String v = i + 1 < args.length ? args[i + 1] : null;
            switch (a) {
                case "--events": events = Long.parseLong(v); i++; break;
                case "--warmup-events": warmupEvents = Long.parseLong(v); i++; break;
                case "--runs": runs = Integer.parseInt(v); i++; break;
                case "--levels": levels = parseLevels(v); i++; break;
                case "--dir": dir = Paths.get(v); i++; break;
                case "--s3": withS3 = true; break;
                default:
                    System.err.println("usage: WriterThroughput [--events N] [--runs R] [--warmup-events N]"
                            + " [--levels 6,1] [--dir DIR] [--s3]");
                    System.exit(2);
            }
        }
        Path base = dir != null ? Files.createDirectories(dir) : Files.createTempDirectory("ct-writer-throughput");
        System.out.printf(Locale.ROOT, "# WriterThroughput: %,d events per run, %d runs per level, levels %s, in %s%n",
                events, runs, java.util.Arrays.toString(levels), base);
        System.out.printf(Locale.ROOT, "# %s %s, %d cpus, heap max %d MB%n", System.getProperty("java.vm.name"),
                System.getProperty("java.runtime.version"), Runtime.getRuntime().availableProcessors(),
                Runtime.getRuntime().maxMemory() >> 20);
        LoopbackS3 s3 = withS3 ? LoopbackS3.start(base.resolve("s3proxy")) : null;
        try {
            new WriterThroughput(base, s3).run(events, warmupEvents, runs, levels);
        } finally {
            if (s3 != null) {
                s3.close();
            }
        }
    }

    private void run(long events, long warmupEvents, int runs, int[] levels) throws Exception {
        for (int level : levels) {
            Result r = raw(level, warmupEvents);
            Result t = trail(level, warmupEvents, r.bytesIn, false);
            System.out.printf(Locale.ROOT, "# warm-up level %d: trail %,.0f/s, raw %,.0f/s%n", level, t.perSecond(),
                    r.perSecond());
            if (s3 != null) {
                Result u = trail(level, warmupEvents, r.bytesIn, true);
                System.out.printf(Locale.ROOT, "# warm-up level %d: trail to S3 %,.0f/s%n", level, u.perSecond());
            }
        }
        System.out.printf("%-6s %-4s %-5s %12s %10s %8s %10s %10s %6s %s%n", "kind", "lvl", "run", "events/s", "seconds",
                "files", "MB in", "MB out", "ratio", "CPU µs/event");
        List<List<Result>> trails = new ArrayList<>();
        List<List<Result>> raws = new ArrayList<>();
        List<List<Double>> s3Ratios = new ArrayList<>();
        List<List<Result>> s3Trails = new ArrayList<>();
        for (int level : levels) {
            trails.add(new ArrayList<>());
            raws.add(new ArrayList<>());
            s3Trails.add(new ArrayList<>());
            s3Ratios.add(new ArrayList<>());
        }
        for (int run = 1; run <= runs; run++) {
            for (int l = 0; l < levels.length; l++) {
                Result r = raw(levels[l], events);
                print("raw", levels[l], run, r);
                raws.get(l).add(r);
                Result t = trail(levels[l], events, r.bytesIn, false);
                print("trail", levels[l], run, t);
                trails.get(l).add(t);
                if (s3 != null) {
                    Result u = trail(levels[l], events, r.bytesIn, true);
                    print("to-s3", levels[l], run, u);
                    s3Trails.get(l).add(u);
                    s3Ratios.get(l).add(u.perSecond() / t.perSecond());
                }
            }
        }
        System.out.println();
        System.out.println("# median of " + runs + " runs (min - max); trail/raw = share of the single-thread bound");
        for (int l = 0; l < levels.length; l++) {
            double t = median(trails.get(l));
            double r = median(raws.get(l));
            System.out.printf(Locale.ROOT, "level %d: trail %,.0f events/s (%,.0f - %,.0f), raw bound %,.0f events/s"
                    + " (%,.0f - %,.0f), trail/raw %.0f%%, %.0f bytes/record uncompressed, 0 dropped%n",
                    levels[l], t, min(trails.get(l)), max(trails.get(l)), r, min(raws.get(l)), max(raws.get(l)),
                    100 * t / r, (double) trails.get(l).get(0).bytesIn / events);
            if (s3 != null) {
                double[] ratios = s3Ratios.get(l).stream().mapToDouble(Double::doubleValue).sorted().toArray();
                System.out.printf(Locale.ROOT, "level %d: trail to S3 %,.0f events/s (%,.0f - %,.0f), S3/local in the"
                        + " same round %.3f (%.3f - %.3f), every file in the bucket, spool empty, 0 dropped%n",
                        levels[l], median(s3Trails.get(l)), min(s3Trails.get(l)), max(s3Trails.get(l)),
                        ratios[ratios.length / 2], ratios[0], ratios[ratios.length - 1]);
            }
        }
    }

    /**
     * Pushes {@code n} calls through a real Trail, start() to stop(); fails if one is not written. The
     * trail does not expose its uncompressed byte count: {@code bytesIn} is the raw run's (same records).
     */
    private Result trail(int level, long n, long bytesIn, boolean toS3) throws Exception {
        Path dir = base.resolve("trail-" + (++runCounter));
        String bucket = toS3 ? s3.createBucket("ct-bench-" + runCounter) : null;
        AgentConfig config = toS3 ? s3.config(dir, level, bucket) : config(dir, level);
        CaptureRing ring = new CaptureRing(config.bufferCapacity(), config.whenFull(), Trail.writerTickNanos(config));
        Trail trail = new Trail(config, ring, new RecordSerializer(config));
        CapturedCall[] calls = mix;
        System.gc();
        long cpu0 = OS.getProcessCpuTime();
        long t0 = System.nanoTime();
        trail.start();
        for (long i = 0; i < n; i++) {
            long seq = ring.claim();
            if (seq < 0) {
                continue; // counted by the ring; checked below
            }
            try {
                TypicalCalls.copy(calls[(int) (i & (POOL - 1))], ring.slot(seq), System.currentTimeMillis());
            } finally {
                ring.publish(seq);
            }
        }
        trail.stop();
        long nanos = System.nanoTime() - t0;
        long cpu = OS.getProcessCpuTime() - cpu0;
        TrailStats stats = trail.stats();
        if (stats.written() != n || ring.drops().total() != 0 || stats.failed() != 0) {
            throw new IllegalStateException("trail run lost calls: written=" + stats.written() + " of " + n
                    + ", dropped=" + ring.drops().total() + ", failed=" + stats.failed());
        }
        long[] files;
        if (toS3) {
            if (stats.spooledFiles() != 0 || stats.spoolDroppedFiles() != 0 || stats.latestDeliveryError() != null) {
                throw new IllegalStateException("S3 run did not deliver everything: spooled=" + stats.spooledFiles()
                        + ", dropped=" + stats.spoolDroppedFiles() + ", error=" + stats.latestDeliveryError());
            }
            files = s3.logFiles(bucket);
            if (files[0] != stats.deliveredFiles()) {
                throw new IllegalStateException("S3 run: " + files[0] + " log files in the bucket, "
                        + stats.deliveredFiles() + " delivered");
            }
            s3.deleteBucket(bucket);
        } else {
            files = deliveredFiles(dir.resolve(config.bucket()));
        }
        Result r = new Result(n, nanos, cpu, files[0], bytesIn, files[1]);
        delete(dir);
        return r;
    }

    /** The same records, serialized, gzipped and digested in this thread: no ring, no writer thread. */
    private Result raw(int level, long n) throws Exception {
        Path dir = Files.createDirectories(base.resolve("raw-" + (++runCounter)));
        AgentConfig config = config(dir, level);
        RecordSerializer serializer = new RecordSerializer(config);
        long maxFileBytes = config.maxFileBytes();
        CapturedCall[] calls = mix;
        System.gc();
        long cpu0 = OS.getProcessCpuTime();
        long t0 = System.nanoTime();
        RawFile file = null;
        long files = 0;
        long bytesIn = 0;
        long bytesOut = 0;
        for (long i = 0; i < n; i++) {
            CapturedCall call = calls[(int) (i & (POOL - 1))];
            call.eventTimeMillis = System.currentTimeMillis();
            SerializedRecord record = serializer.serialize(call);
            if (file != null && file.records > 0 && file.sizeWith(record.length) > maxFileBytes) {
                bytesOut += file.finish();
                bytesIn += file.uncompressed;
                file = null;
            }
            if (file == null) {
                file = new RawFile(dir.resolve("raw-" + (++files) + ".json.gz"), level);
            }
            file.append(record.bytes, record.length);
        }
        if (file != null) {
            bytesOut += file.finish();
            bytesIn += file.uncompressed;
        }
        long nanos = System.nanoTime() - t0;
        long cpu = OS.getProcessCpuTime() - cpu0;
        delete(dir);
        return new Result(n, nanos, cpu, files, bytesIn, bytesOut);
    }

    private static AgentConfig config(Path dir, int level) throws ConfigException {
        Properties p = new Properties();
        p.setProperty("ct.dir", dir.toString());
        p.setProperty("ct.gzip.level", Integer.toString(level));
        p.setProperty("ct.buffer.whenFull", "block");
        return AgentConfig.from(ConfigSource.of(p, new Properties(), Collections.emptyMap()), Collections.emptyMap());
    }

    /** OpenLogFile's layout and streams, minus the locking and renaming. */
    private static final class RawFile {
        private final FileOutputStream file;
        private final GZIPOutputStream gzip;
        private final MessageDigest sha256;
        private final OutputStream out;
        private final Path path;
        long records;
        long uncompressed;

        RawFile(Path path, int level) throws IOException, NoSuchAlgorithmException {
            this.path = path;
            file = new FileOutputStream(path.toFile());
            gzip = new GZIPOutputStream(file, DEFLATE_BUFFER_BYTES, true) {
                {
                    def.setLevel(level);
                }
            };
            sha256 = MessageDigest.getInstance("SHA-256");
            // as OpenLogFile: records reach the digest and the deflater in 32 KB blocks
            out = new java.io.BufferedOutputStream(new DigestOutputStream(gzip, sha256), 32 * 1024);
            out.write(HEADER);
            uncompressed = HEADER.length;
        }

        long sizeWith(int length) {
            return uncompressed + (records > 0 ? 1 : 0) + length + TRAILER.length;
        }

        void append(byte[] bytes, int length) throws IOException {
            if (records > 0) {
                out.write(',');
                uncompressed++;
            }
            out.write(bytes, 0, length);
            uncompressed += length;
            records++;
        }

        /** Returns the compressed size. */
        long finish() throws IOException {
            out.write(TRAILER);
            uncompressed += TRAILER.length;
            out.flush();
            gzip.finish();
            gzip.close();
            if (sha256.digest().length != 32) {
                throw new IllegalStateException();
            }
            return Files.size(path);
        }
    }

    private static final class Result {
        final long events;
        final long nanos;
        final long cpuNanos;
        final long files;
        final long bytesIn;
        final long bytesOut;

        Result(long events, long nanos, long cpuNanos, long files, long bytesIn, long bytesOut) {
            this.events = events;
            this.nanos = nanos;
            this.cpuNanos = cpuNanos;
            this.files = files;
            this.bytesIn = bytesIn;
            this.bytesOut = bytesOut;
        }

        double perSecond() {
            return events * 1e9 / nanos;
        }
    }

    private static void print(String kind, int level, int run, Result r) {
        System.out.printf(Locale.ROOT, "%-6s %-4d %-5d %,12.0f %10.2f %8d %10.1f %10.1f %6.1f %.2f%n", kind, level, run,
                r.perSecond(), r.nanos / 1e9, r.files, r.bytesIn / 1e6, r.bytesOut / 1e6,
                r.bytesOut == 0 ? 0.0 : (double) r.bytesIn / r.bytesOut, r.cpuNanos / 1e3 / r.events);
    }

    /** Count and total size of the delivered log files (not digests). */
    private static long[] deliveredFiles(Path bucketDir) throws IOException {
        long[] out = new long[2];
        if (!Files.isDirectory(bucketDir)) {
            return out;
        }
        try (Stream<Path> s = Files.walk(bucketDir)) {
            s.filter(p -> p.toString().endsWith(".json.gz") && p.getParent().toString().contains("/CloudTrail/"))
                    .forEach(p -> {
                out[0]++;
                try {
                    out[1] += Files.size(p);
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
        }
        return out;
    }

    private static void delete(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    private static double median(List<Result> rs) {
        double[] v = rs.stream().mapToDouble(Result::perSecond).sorted().toArray();
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }

    private static double min(List<Result> rs) {
        return rs.stream().mapToDouble(Result::perSecond).min().orElse(0);
    }

    private static double max(List<Result> rs) {
        return rs.stream().mapToDouble(Result::perSecond).max().orElse(0);
    }

    private static int[] parseLevels(String v) {
        String[] parts = v.split(",");
        int[] out = new int[parts.length];
        for (int i = 0; i < parts.length; i++) {
            out[i] = Integer.parseInt(parts[i].trim());
        }
        return out;
    }
}
