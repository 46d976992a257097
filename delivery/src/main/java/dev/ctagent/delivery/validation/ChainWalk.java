package dev.ctagent.delivery.validation;

import dev.ctagent.delivery.digest.DigestKey;
import dev.ctagent.delivery.digest.DigestSignatures;
import dev.ctagent.delivery.digest.SignatureSidecar;
import dev.ctagent.delivery.digest.SigningString;
import dev.ctagent.delivery.digest.TrailPublicKey;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * One (account, region) chain of a trail's digests, walked the way the AWS CLI walks it
 * (cloudtrail-formats.md §2.7 steps 4–8): newest to oldest, following {@code previousDigestS3Object}, back to
 * the listing when the chain breaks or a digest is missing or invalid. Also checks each link (our addition):
 * the previous digest's hash and signature as the later digest records them. Runs on one thread; log files
 * are handed to {@link Steps#checkLogFile} in the order the CLI would check them.
 */
final class ChainWalk {
    /** Where the walk's findings go, in output order. */
    interface Steps {
        void digestValid(String bucket, String key, Instant start, Instant end, boolean backfill)
                throws InterruptedException;

        void digestInvalid(String line, boolean backfill) throws InterruptedException;

        void gap(Instant olderEnd, Instant thisStart, boolean backfill) throws InterruptedException;

        void checkLogFile(String bucket, String key, String hashValue) throws InterruptedException;

        void digestRead(long bytes);
    }

    /** One digest read and checked. */
    private static final class Loaded {
        final String bucket;
        final String key;
        final boolean missing;
        /** The reason after {@code INVALID: }, or null when valid. */
        final String problem;
        final DigestContent content;
        final String signature;
        final Instant start;
        final Instant end;

        Loaded(String bucket, String key, boolean missing, String problem, DigestContent content, String signature,
                Instant start, Instant end) {
            this.bucket = bucket;
            this.key = key;
            this.missing = missing;
            this.problem = problem;
            this.content = content;
            this.signature = signature;
            this.start = start;
            this.end = end;
        }

        boolean valid() {
            return !missing && problem == null;
        }
    }

    private static final class Next {
        final String key;
        final Instant end;

        Next(String key, Instant end) {
            this.key = key;
            this.end = end;
        }
    }

    private final TrailStore store;
    private final Function<String, TrailStore> stores;
    private final TrailLayout layout;
    private final TrailLayout.Chain chain;
    private final PublicKeySource publicKeys;
    private final Instant start;
    private final Instant end;
    private final Steps steps;
    /** {@code bucket/key} of every log file a valid (or validly signed) digest listed. */
    private final Set<String> listed;
    private final GzipMemberReader gzip = new GzipMemberReader(1 << 13, 1 << 15);
    private final Map<String, RSAPublicKey> rsaKeys = new HashMap<>();
    private Loaded lastLoaded;

    ChainWalk(TrailStore store, Function<String, TrailStore> stores, TrailLayout layout, TrailLayout.Chain chain,
            PublicKeySource publicKeys, Instant start, Instant end, Steps steps, Set<String> listed) {
        this.store = store;
        this.stores = stores;
        this.layout = layout;
        this.chain = chain;
        this.publicKeys = publicKeys;
        this.start = start;
        this.end = end;
        this.steps = steps;
        this.listed = listed;
    }

    /** The regular chain, then the backfill digests, as the CLI runs them. */
    void walk() throws ValidationException, InterruptedException {
        walk(false);
        walk(true);
    }

    private void walk(boolean backfill) throws ValidationException, InterruptedException {
        Deque<String> digests = new ArrayDeque<>(inRange(chain.keys, backfill));
        Map<String, TrailPublicKey> keys =
                backfill ? new HashMap<>() : keysFor(start, end.plus(Duration.ofHours(2)));
        lastLoaded = null;
        String bucket = store.bucket();
        String key = digests.pollLast();
        Instant lastStart = key == null ? null : UtcTimes.parseDigestStamp(TrailLayout.stampOf(key));
        while (key != null && !start.isAfter(lastStart)) {
            Loaded d = load(bucket, key, keys, backfill);
            Next next;
            if (d.missing) {
                steps.digestInvalid(line(bucket, key, "not found"), backfill);
                next = findNext(digests, key);
            } else if (d.problem != null) {
                steps.digestInvalid(line(bucket, key, d.problem), backfill);
                next = findNext(digests, key);
            } else {
                String previousBucket = d.content.get("previousDigestS3Bucket");
                String previousKey = d.content.get("previousDigestS3Object");
                String linkProblem = null;
                if (previousBucket != null && previousKey != null) {
                    linkProblem = linkProblem(d, load(previousBucket, previousKey, keys, backfill));
                }
                lastStart = d.start;
                if (linkProblem == null) {
                    steps.digestValid(bucket, key, d.start, d.end, backfill);
                } else {
                    steps.digestInvalid(line(bucket, key, linkProblem), backfill);
                }
                for (DigestContent.ListedLog log : d.content.logFiles) {
                    listed.add(log.bucket + "/" + log.key);
                    steps.checkLogFile(log.bucket, log.key, log.hashValue);
                }
                if (previousBucket == null || previousKey == null) {
                    next = findNext(digests, key);
                    if (next.key != null && !next.end.equals(lastStart)) {
                        steps.gap(next.end, lastStart, backfill);
                    }
                } else {
                    key = previousKey;
                    if (!previousBucket.equals(bucket)) {
                        bucket = previousBucket;
                        TrailStore other = stores.apply(bucket);
                        digests = new ArrayDeque<>(other == null ? List.of() : inRange(relist(other), backfill));
                    }
                    continue;
                }
            }
            key = next.key;
        }
    }

    /**
     * Our check of a link: the later digest must record the previous one's SHA-256 and signature. Only when the
     * previous digest is itself valid; otherwise that digest is reported on its own.
     */
    private static String linkProblem(Loaded later, Loaded previous) {
        if (!previous.valid()) {
            return null;
        }
        String hash = later.content.get("previousDigestHashValue");
        if (hash == null || !hash.equalsIgnoreCase(previous.content.sha256Hex)) {
            return "previous digest hash value doesn't match";
        }
        String signature = later.content.get("previousDigestSignature");
        if (signature == null || !signature.equalsIgnoreCase(previous.signature)) {
            return "previous digest signature doesn't match";
        }
        return null;
    }

    /**
     * The CLI's listing (ListObjects from a marker one minute before the start, stop after end + 1 h, skip
     * stamps before the start), split into regular and backfill keys.
     */
    private List<String> inRange(List<String> keys, boolean backfill) {
        String marker = new DigestKey(layout.prefix, chain.account, chain.region, chain.digestTrailName,
                layout.homeRegion).forEnd(start.minus(Duration.ofMinutes(1)));
        String from = UtcTimes.digestStamp(start);
        String to = UtcTimes.digestStamp(end.plus(Duration.ofHours(1)));
        List<String> out = new ArrayList<>();
        for (String key : keys) {
            if (LocalTrailStore.BYTE_ORDER.compare(key, marker) <= 0) {
                continue;
            }
            String stamp = TrailLayout.stampOf(key);
            if (stamp.compareTo(to) > 0) {
                break;
            }
            if (stamp.compareTo(from) < 0 || UtcTimes.parseDigestStamp(stamp) == null) {
                continue;
            }
            if (TrailLayout.isBackfill(key) == backfill) {
                out.add(key);
            }
        }
        return out;
    }

    private List<String> relist(TrailStore other) throws ValidationException {
        String folder = DigestKey.folder(layout.prefix, chain.account, chain.region);
        java.util.regex.Pattern trail =
                DigestKey.pattern(layout.prefix, chain.account, chain.region, chain.digestTrailName, layout.homeRegion);
        List<String> keys = new ArrayList<>();
        try {
            for (String k : other.list(folder)) {
                if (trail.matcher(k).matches()) {
                    keys.add(k);
                }
            }
        } catch (IOException e) {
            throw ValidationException.fatal("s3://" + other.bucket() + "/" + folder + ": " + e.getMessage(), e);
        }
        return keys;
    }

    /** The CLI's {@code _get_last_digest(digests, before_key)}: the next listed key older than {@code key}. */
    private static Next findNext(Deque<String> digests, String key) {
        Instant before = UtcTimes.parseDigestStamp(TrailLayout.stampOf(key));
        while (!digests.isEmpty()) {
            String candidate = digests.pollLast();
            Instant t = UtcTimes.parseDigestStamp(TrailLayout.stampOf(candidate));
            if (before == null || t.isBefore(before)) {
                return new Next(candidate, t);
            }
        }
        return new Next(null, null);
    }

    private Loaded load(String bucket, String key, Map<String, TrailPublicKey> keys, boolean backfill)
            throws ValidationException {
        if (lastLoaded != null && lastLoaded.bucket.equals(bucket) && lastLoaded.key.equals(key)) {
            return lastLoaded;
        }
        lastLoaded = check(bucket, key, keys, backfill);
        return lastLoaded;
    }

    /** The CLI's {@code fetch_digest} + {@code _load_and_validate_digest}, in its order. */
    private Loaded check(String bucket, String key, Map<String, TrailPublicKey> keys, boolean backfill)
            throws ValidationException {
        TrailStore s = stores.apply(bucket);
        if (s == null) {
            return new Loaded(bucket, key, true, null, null, null, null, null);
        }
        byte[] gz;
        Map<String, String> metadata;
        DigestContent c;
        try {
            gz = s.read(key);
            steps.digestRead(gz.length);
            c = DigestContent.read(new ByteArrayInputStream(gz), gzip);
            metadata = s.metadata(key);
        } catch (NoSuchKeyException e) {
            return new Loaded(bucket, key, true, null, null, null, null, null);
        } catch (IOException e) {
            throw ValidationException.fatal("s3://" + bucket + "/" + key + ": " + e.getMessage(), e);
        }
        if (c == null) {
            return invalid(bucket, key, "invalid format");
        }
        String signature = metadata.get(SignatureSidecar.SIGNATURE);
        if (signature == null || !metadata.containsKey(SignatureSidecar.SIGNATURE_ALGORITHM)) {
            return invalid(bucket, key, "signature verification failed");
        }
        String generated = metadata.get("backfill-generation-timestamp");
        if (backfill && generated == null) {
            return invalid(bucket, key, "invalid format");
        }
        for (String field : DigestContent.REQUIRED) {
            if (!c.has(field)) {
                return invalid(bucket, key, "invalid format");
            }
        }
        if (!bucket.equals(c.get("digestS3Bucket")) || !key.equals(c.get("digestS3Object"))) {
            return invalid(bucket, key, "has been moved from its original location");
        }
        String fingerprint = c.get("digestPublicKeyFingerprint");
        if (!keys.containsKey(fingerprint) && backfill) {
            Instant at;
            try {
                at = UtcTimes.parse(generated);
            } catch (IllegalArgumentException e) {
                return invalid(bucket, key, e.getMessage());
            }
            keys.putAll(keysFor(at.minus(Duration.ofHours(1)), at.plus(Duration.ofHours(1))));
        }
        TrailPublicKey trailKey = keys.get(fingerprint);
        if (trailKey == null) {
            return invalid(bucket, key, "public key not found in region " + layout.homeRegion + " for fingerprint "
                    + fingerprint);
        }
        RSAPublicKey rsa = rsaKeys.get(fingerprint);
        if (rsa == null) {
            try {
                rsa = trailKey.toRsaPublicKey();
            } catch (GeneralSecurityException | RuntimeException e) {
                return invalid(bucket, key, "Unable to load PKCS #1 key with fingerprint " + fingerprint);
            }
            rsaKeys.put(fingerprint, rsa);
        }
        byte[] signed = SigningString.of(c.get("digestEndTime"), c.get("digestS3Bucket"), c.get("digestS3Object"),
                c.sha256Hex, c.get("previousDigestSignature"));
        boolean verified;
        try {
            verified = DigestSignatures.verify(rsa, signed, signature);
        } catch (GeneralSecurityException | RuntimeException e) {
            verified = false;
        }
        if (!verified) {
            return invalid(bucket, key, "signature verification failed");
        }
        Instant digestEnd;
        Instant digestStart;
        try {
            digestEnd = UtcTimes.parse(c.get("digestEndTime"));
            digestStart = UtcTimes.parse(c.get("digestStartTime"));
        } catch (IllegalArgumentException e) {
            return invalid(bucket, key, e.getMessage());
        }
        return new Loaded(bucket, key, false, null, c, signature, digestStart, digestEnd);
    }

    private Map<String, TrailPublicKey> keysFor(Instant from, Instant to) throws ValidationException {
        Map<String, TrailPublicKey> keys;
        try {
            keys = publicKeys.keys(chain.account, chain.region, from, to);
        } catch (IOException e) {
            throw ValidationException.fatal("reading the public keys: " + e.getMessage(), e);
        }
        if (keys.isEmpty()) {
            throw ValidationException.fatal("No public keys found between " + UtcTimes.display(from) + " and "
                    + UtcTimes.display(to), null);
        }
        return new HashMap<>(keys);
    }

    private static Loaded invalid(String bucket, String key, String problem) {
        return new Loaded(bucket, key, false, problem, null, null, null, null);
    }

    private static String line(String bucket, String key, String problem) {
        return "Digest file\ts3://" + bucket + "/" + key + "\tINVALID: " + problem;
    }
}
