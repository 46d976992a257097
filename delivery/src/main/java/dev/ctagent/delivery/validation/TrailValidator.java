package dev.ctagent.delivery.validation;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Validates a trail's log files against its signed digest chain, as {@code aws cloudtrail validate-logs} does
 * (cloudtrail-formats.md §2.7, §2.8): same walk over the digests (newest to oldest, following
 * {@code previousDigestS3Object}, back to the listing when a chain breaks), same checks and messages, same
 * output, exit code 1 when anything is invalid. The order of the output is the CLI's (a digest, then its log
 * files, newest digest first), although log files are read and hashed in parallel (one thread per processor,
 * streaming inflate, SHA-256 of the inflated bytes, no JSON parsing).
 *
 * <p>Beyond the AWS CLI:
 * <ul>
 * <li><b>Unlisted log files.</b> Each log file under {@code [prefix/]AWSLogs/<account>/CloudTrail/<region>/}
 *     whose key stamp (delivery time, to the minute) lies in the requested range and which no checked digest
 *     lists is reported {@code Log file\ts3://b/k\tINVALID: not listed in any digest} and counted invalid. A
 *     file whose stamp is not before the minute of the newest digest's end in its region (or, for a region
 *     without digests, in its account) is not covered yet: {@code Log file\ts3://b/k\tnot yet covered by a
 *     digest}, not counted. Without any digest in the account every such file is "not yet covered". The log
 *     files of a digest whose only fault is a link (next item) count as listed. Only keys named like
 *     CloudTrail log files are considered.</li>
 * <li><b>Chain links.</b> When a digest's previous digest is valid but its SHA-256 (of the inflated bytes)
 *     or its signature is not what the later digest's {@code previousDigestHashValue} /
 *     {@code previousDigestSignature} records, the later digest is reported
 *     {@code INVALID: previous digest hash value doesn't match} / {@code INVALID: previous digest signature
 *     doesn't match} and counted invalid; its log files are still checked and the walk goes on. (A previous
 *     digest that fails its own checks is reported on its own line only.)</li>
 * <li><b>Gaps.</b> When a chain starts (null previous digest) and an older digest is listed, the CLI's
 *     {@code No log files were delivered by CloudTrail between <older end> and <this start>} is printed only
 *     when the two times differ (the CLI prints it even when they are equal).</li>
 * <li><b>Several chains.</b> Every region with digests of the trail under
 *     {@code AWSLogs/<account>/CloudTrail-Digest/}, in every account folder (or only {@code accountId}), is
 *     one independent chain walk, in account then region order; a region's unlisted log files follow its
 *     walk. The CLI walks one region of one account.</li>
 * <li><b>Progress.</b> {@code validated N digests, M log files, X MB...} on stderr every 2 s once a run
 *     lasts longer than 2 s (X: MiB read, compressed).</li>
 * <li><b>Public keys</b> come from the trail itself ({@link PublicKeySource#published}, those whose
 *     validity overlaps the range the CLI would ask ListPublicKeys for) or only from keys the user pins
 *     ({@link PublicKeySource#pinned}).</li>
 * <li><b>Start time</b> is optional: by default the start of the oldest digest found (the CLI requires it).
 *     Without any digest it defaults to the end time.</li>
 * <li><b>Log file streams that end early</b>: the CLI's streaming zlib accepts them silently and compares
 *     the hash of what it could inflate; we report that as a hash mismatch, or as invalid format when even
 *     that hash matches (only the trailer is missing; the CLI would say valid). A wrong gzip CRC-32/ISIZE is
 *     invalid format, as in the CLI.</li>
 * <li>Organization trails' {@code AWSLogs/o-.../} layout is not walked; fatal errors exit 1 (the CLI
 *     exits 255); a digest whose signature metadata is not hex fails verification (the CLI prints Python's
 *     exception text).</li>
 * </ul>
 */
public final class TrailValidator {
    /** One finding, written to the report in order (log file results wait for their check). */
    private interface Entry {
        void writeTo(ValidationReport report) throws InterruptedException, ExecutionException;
    }

    private static final Entry END = report -> { };

    private static final class Fatal implements Entry {
        final ValidationException error;

        Fatal(ValidationException error) {
            this.error = error;
        }

        @Override
        public void writeTo(ValidationReport report) {
            // handled by the reader of the queue
        }
    }

    private final TrailStore store;
    private final ValidationOptions options;
    private final Function<String, TrailStore> stores;
    private final AtomicLong digestsRead = new AtomicLong();
    private final AtomicLong logsRead = new AtomicLong();
    private final AtomicLong bytesRead = new AtomicLong();

    public TrailValidator(TrailStore store, ValidationOptions options) {
        this.store = store;
        this.options = options;
        this.stores = bucket -> bucket != null && bucket.equals(store.bucket()) ? store : options.otherBuckets.apply(bucket);
    }

    /**
     * Validates and writes the report.
     *
     * @return 0 when everything checked is valid, 1 when anything is invalid
     * @throws ValidationException a usage error before anything was written, or a fatal error (the report so
     *     far is written; the message is for stderr)
     */
    public int run(PrintStream out, PrintStream err) throws ValidationException {
        Instant end = options.end != null ? options.end : options.clock.instant();
        if (options.start != null && options.start.isAfter(end)) {
            throw ValidationException.usage("Invalid time range specified: start-time must occur before end-time");
        }
        TrailLayout layout;
        try {
            layout = TrailLayout.discover(store, options.prefix, options.trailName, options.homeRegion,
                    options.accountId);
        } catch (IOException e) {
            throw ValidationException.fatal("s3://" + store.bucket() + ": " + e.getMessage(), e);
        }
        Instant start = options.start != null ? options.start : oldestDigestStart(layout, end);
        String arn = options.trailArn != null ? options.trailArn : layout.arn(options.accountId);
        PublicKeySource keys = options.publicKeys != null ? options.publicKeys
                : PublicKeySource.published(store, options.prefix);

        ValidationReport report = new ValidationReport(out, err, options.verbose, start, end);
        report.header(arn);
        report.flush();

        ExecutorService hashing = Executors.newFixedThreadPool(options.threads, daemon("ct-validate-hash"));
        ExecutorService walking = Executors.newSingleThreadExecutor(daemon("ct-validate-walk"));
        ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(daemon("ct-validate-progress"));
        // bounded: the walk (and the log file checks it starts) stays at most this far ahead of the output
        BlockingQueue<Entry> queue = new LinkedBlockingQueue<>(8192);
        ThreadLocal<LogFileHasher> hashers = ThreadLocal.withInitial(LogFileHasher::new);
        try {
            walking.execute(() -> walkAll(layout, keys, start, end, queue, hashing, hashers));
            long every = options.progressEvery.toMillis();
            ticker.scheduleAtFixedRate(() -> report.progress("validated " + digestsRead.get() + " digests, "
                    + logsRead.get() + " log files, " + (bytesRead.get() >> 20) + " MB..."), every, every,
                    TimeUnit.MILLISECONDS);
            while (true) {
                Entry e = queue.take();
                if (e == END) {
                    break;
                }
                if (e instanceof Fatal) {
                    report.flush();
                    throw ((Fatal) e).error;
                }
                e.writeTo(report);
            }
            ticker.shutdownNow();
            report.summary();
            return report.exitCode();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            report.flush();
            throw ValidationException.fatal("interrupted", e);
        } catch (ExecutionException e) {
            report.flush();
            throw ValidationException.fatal("checking a log file: " + e.getCause(), e.getCause());
        } finally {
            ticker.shutdownNow();
            walking.shutdownNow();
            hashing.shutdownNow();
        }
    }

    private void walkAll(TrailLayout layout, PublicKeySource keys, Instant start, Instant end,
            BlockingQueue<Entry> queue, ExecutorService hashing, ThreadLocal<LogFileHasher> hashers) {
        Set<String> listed = ConcurrentHashMap.newKeySet();
        ChainWalk.Steps steps = new ChainWalk.Steps() {
            @Override
            public void digestValid(String bucket, String key, Instant s, Instant e, boolean backfill)
                    throws InterruptedException {
                queue.put(r -> r.digestValid(bucket, key, s, e, backfill));
            }

            @Override
            public void digestInvalid(String line, boolean backfill) throws InterruptedException {
                queue.put(r -> r.digestInvalid(line, backfill));
            }

            @Override
            public void gap(Instant olderEnd, Instant thisStart, boolean backfill) throws InterruptedException {
                queue.put(r -> r.gap(olderEnd, thisStart, backfill));
            }

            @Override
            public void checkLogFile(String bucket, String key, String hashValue) throws InterruptedException {
                Future<LogFileOutcome> outcome = hashing.submit(() -> {
                    LogFileHasher hasher = hashers.get();
                    LogFileOutcome o = hasher.check(stores.apply(bucket), key, hashValue);
                    logsRead.incrementAndGet();
                    bytesRead.addAndGet(hasher.lastBytes());
                    return o;
                });
                queue.put(r -> r.logFile(String.valueOf(bucket), String.valueOf(key), outcome.get()));
            }

            @Override
            public void digestRead(long bytes) {
                digestsRead.incrementAndGet();
                bytesRead.addAndGet(bytes);
            }
        };
        try {
            for (String account : layout.accounts) {
                List<TrailLayout.Chain> chains = layout.chains.get(account);
                Set<String> regions = new TreeSet<>(LocalTrailStore.BYTE_ORDER);
                regions.addAll(layout.logRegions.get(account));
                Instant accountNewest = null;
                for (TrailLayout.Chain c : chains) {
                    regions.add(c.region);
                    Instant n = c.newestEnd();
                    if (n != null && (accountNewest == null || n.isAfter(accountNewest))) {
                        accountNewest = n;
                    }
                }
                for (String region : regions) {
                    // one chain per region, or one per agent instance writing the trail there
                    Instant horizon = null;
                    boolean anyChain = false;
                    for (TrailLayout.Chain c : chains) {
                        if (!c.region.equals(region)) {
                            continue;
                        }
                        anyChain = true;
                        new ChainWalk(store, stores, layout, c, keys, start, end, steps, listed).walk();
                        Instant n = c.newestEnd();
                        if (n != null && (horizon == null || n.isBefore(horizon))) {
                            horizon = n; // the log files cannot tell their instance: the oldest newest digest
                        }
                    }
                    if (layout.trailName.indexOf('~') < 0) {
                        // (one instance's chain alone cannot judge the files: the others' are there too)
                        unlisted(layout, account, region, anyChain ? horizon : accountNewest, start, end, listed,
                                queue);
                    }
                }
            }
            queue.put(END);
        } catch (ValidationException e) {
            stop(queue, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException | RuntimeException | Error e) {
            stop(queue, ValidationException.fatal(e.toString(), e));
        }
    }

    private static void stop(BlockingQueue<Entry> queue, ValidationException e) {
        try {
            queue.put(new Fatal(e));
        } catch (InterruptedException gone) {
            Thread.currentThread().interrupt(); // the reader has stopped
        }
    }

    private void unlisted(TrailLayout layout, String account, String region, Instant horizon, Instant start,
            Instant end, Set<String> listed, BlockingQueue<Entry> queue) throws IOException, InterruptedException {
        String folder = TrailLayout.logsFolder(layout.prefix) + account + "/CloudTrail/" + region + "/";
        Pattern logFile = Pattern.compile("^" + Pattern.quote(folder) + "\\d+/\\d+/\\d+/"
                + Pattern.quote(account + "_CloudTrail_" + region + "_") + "(\\d{8}T\\d{4}Z)_[^/]+\\.json\\.gz$");
        Instant from = UtcTimes.floorToMinute(start);
        Instant covered = horizon == null ? null : UtcTimes.floorToMinute(horizon);
        String bucket = store.bucket();
        for (String key : store.list(folder)) {
            Matcher m = logFile.matcher(key);
            if (!m.matches()) {
                continue;
            }
            Instant delivered = UtcTimes.parseLogStamp(m.group(1));
            if (delivered == null || delivered.isBefore(from) || delivered.isAfter(end)
                    || listed.contains(bucket + "/" + key)) {
                continue;
            }
            if (covered == null || !delivered.isBefore(covered)) {
                queue.put(r -> r.logFileNotYetCovered(bucket, key));
            } else {
                queue.put(r -> r.logFileNotListed(bucket, key));
            }
        }
    }

    /** The start of the oldest digest of the trail (its key's stamp when it cannot be read); {@code end} without any. */
    private Instant oldestDigestStart(TrailLayout layout, Instant end) {
        String oldest = null;
        Instant oldestEnd = null;
        for (TrailLayout.Chain c : layout.allChains()) {
            for (String key : c.keys) {
                Instant t = UtcTimes.parseDigestStamp(TrailLayout.stampOf(key));
                if (t != null && (oldestEnd == null || t.isBefore(oldestEnd))) {
                    oldestEnd = t;
                    oldest = key;
                }
            }
        }
        if (oldest == null) {
            return end;
        }
        Instant start = oldestEnd;
        try {
            DigestContent c = DigestContent.read(new ByteArrayInputStream(store.read(oldest)), new GzipMemberReader());
            if (c != null && c.get("digestStartTime") != null) {
                start = UtcTimes.parse(c.get("digestStartTime"));
            }
        } catch (IOException | IllegalArgumentException unreadable) {
            // keep the stamp
        }
        return start.isAfter(end) ? end : start;
    }

    private static ThreadFactory daemon(String name) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
