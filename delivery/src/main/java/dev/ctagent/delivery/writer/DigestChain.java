package dev.ctagent.delivery.writer;

import dev.ctagent.delivery.destination.DeliveredLogLedger;
import dev.ctagent.delivery.destination.Destination;
import dev.ctagent.delivery.digest.DigestDocument;
import dev.ctagent.delivery.digest.DigestKey;
import dev.ctagent.delivery.digest.DigestSignatures;
import dev.ctagent.delivery.digest.DigestedLogFile;
import dev.ctagent.delivery.digest.PublishedKeys;
import dev.ctagent.delivery.digest.SignatureSidecar;
import dev.ctagent.delivery.digest.SigningKeyFile;
import dev.ctagent.delivery.digest.SigningString;
import dev.ctagent.delivery.digest.TrailPublicKey;
import dev.ctagent.delivery.status.ErrorReporter;
import dev.ctagent.delivery.status.TrailStats;
import dev.ctagent.runtime.config.ConfigException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.bouncycastle.util.encoders.Hex;

/**
 * The trail's signed digest chain (cloudtrail-formats.md §2), run by the writer thread. Each digest lists
 * the log files delivered since the previous one (read from the {@link DeliveredLogLedger}), points at the
 * previous digest by key, hash and signature, and is signed with the key in {@code ct.digest.privateKey}.
 *
 * <p>Windows end on multiples of {@code ct.digest.interval} counted from the epoch (hourly digests end at
 * hh:00:00Z). A chain starts when logging starts, its first digest has null {@code previousDigest*} and
 * begins where the last delivered digest of this trail ended (state kept across restarts), so files
 * delivered just before a crash are listed. Stopping logging or the JVM delivers a final digest ending at
 * the next whole second. A digest the destination refuses is kept in memory and retried, in order, before
 * any later one; if the process dies first, its files are listed again by the next chain.
 */
final class DigestChain {
    private static final long FIRST_RETRY_MILLIS = 1_000;
    private static final long MAX_RETRY_MILLIS = 60_000;

    private final DigestKey keys;
    private final String bucket;
    private final String accountId;
    private final long intervalSeconds;
    private final SigningKeyFile keyFile;
    private final PublishedKeys publishedKeys;
    private final Destination destination;
    private final DeliveredLogLedger ledger;
    private final Path stateFile;
    private final TrailStats stats;
    private final ErrorReporter errors;
    private final Deque<SignedDigest> pending = new ArrayDeque<>();
    private final Duration keyLoadDelay;
    private Instant keyDueAt;

    private SigningKeyFile.Loaded signingKey;
    private String fingerprint;
    private boolean keysPublished;
    private boolean active;
    private Instant windowStart;
    private Instant nextEnd;
    private DigestDocument.Previous previous = DigestDocument.Previous.NONE;
    /** Ledger offset up to which entries are in a digest made (delivered or pending). */
    private long consumedOffset;
    /** End of the newest digest made, by any chain of this trail: every later end is after it (unique keys). */
    private Instant lastEnd;
    private long retryAtMillis;
    private long retryDelayMillis = FIRST_RETRY_MILLIS;

    /**
     * @param keyLoadDelay how long after the first chain start the signing key is read, unless a digest is
     *     due sooner: reading PEM and initialising the JCA costs ~70 ms of CPU the application's start need
     *     not compete with
     */
    DigestChain(DigestKey keys, String bucket, String accountId, Duration interval, SigningKeyFile keyFile,
            PublishedKeys publishedKeys, Destination destination, DeliveredLogLedger ledger, Path stateFile,
            TrailStats stats, ErrorReporter errors, Duration keyLoadDelay) {
        this.keys = keys;
        this.bucket = bucket;
        this.accountId = accountId;
        this.intervalSeconds = interval.getSeconds();
        this.keyFile = keyFile;
        this.publishedKeys = publishedKeys;
        this.destination = destination;
        this.ledger = ledger;
        this.stateFile = stateFile;
        this.stats = stats;
        this.errors = errors;
        this.keyLoadDelay = keyLoadDelay;
        DigestState state = DigestState.read(stateFile);
        this.consumedOffset = state.ledgerOffset;
        this.lastEnd = state.lastDigestEnd;
    }

    boolean isActive() {
        return active;
    }

    /**
     * Starts a chain (logging started); its first digest has no previous one. The signing key is read (or
     * created) on the writer thread, not in premain, {@code keyLoadDelay} after the first start or when the
     * first digest is due, whichever comes first.
     */
    void start(Instant now) {
        if (active) {
            return;
        }
        if (signingKey == null && keyDueAt == null) {
            keyDueAt = now.plus(keyLoadDelay);
        }
        publishKeysIfNeeded(now);
        Instant second = now.truncatedTo(ChronoUnit.SECONDS);
        // Start where the last digest ended, even a second ahead (a final digest ends at the next second):
        // no two digests may share an end, it is in their key. A far-future end means the clock was reset.
        windowStart = lastEnd != null && !lastEnd.isAfter(second.plusSeconds(60)) ? lastEnd : second;
        nextEnd = boundaryAfter(windowStart);
        previous = DigestDocument.Previous.NONE;
        active = true;
    }

    /**
     * Delivers the digest that is due, if any, and retries refused ones.
     *
     * @throws ConfigException the key in {@code ct.digest.privateKey} cannot be used (read on first need)
     */
    void tick(Instant now) throws ConfigException {
        if (active && signingKey == null && !now.isBefore(keyDueAt)) {
            loadKey(now);
        }
        deliverPending(now);
        if (!active || now.isBefore(nextEnd)) {
            return;
        }
        loadKey(now);
        Instant end = latestBoundaryAtOrBefore(now); // one digest, even after a long pause
        make(end, false, now);
        windowStart = end;
        nextEnd = end.plusSeconds(intervalSeconds);
    }

    /**
     * The final digest (logging stopped, or the JVM exits): lists everything delivered; the chain ends.
     *
     * @throws ConfigException the key in {@code ct.digest.privateKey} cannot be used (read on first need)
     */
    void finish(Instant now) throws ConfigException {
        if (!active) {
            return;
        }
        if (previous == DigestDocument.Previous.NONE && nothingDelivered()) {
            // A chain with no digest yet and no log file to list: nothing to prove, so no digest and no key
            // read (a short-lived JVM that captured nothing exits ~0.1 s sooner). The state keeps the last
            // digest's end, so the next chain's first digest starts there: the time is still covered.
            active = false;
            return;
        }
        loadKey(now);
        Instant end = now.truncatedTo(ChronoUnit.SECONDS).plusSeconds(1);
        if (!end.isAfter(windowStart)) {
            end = windowStart.plusSeconds(1);
        }
        make(end, true, now);
        active = false;
    }

    private boolean nothingDelivered() {
        try {
            return ledger.readFrom(consumedOffset).isEmpty();
        } catch (IOException e) {
            return false; // cannot tell: make the digest, which reports the problem
        }
    }

    private void loadKey(Instant now) throws ConfigException {
        if (signingKey != null) {
            return;
        }
        signingKey = keyFile.loadOrCreate();
        fingerprint = TrailPublicKey.fingerprint(TrailPublicKey.pkcs1Der(signingKey.publicKey()));
        publishKeysIfNeeded(now);
    }

    private void make(Instant end, boolean everything, Instant now) {
        try {
            refreshKeyIfRotated(now);
            List<DeliveredLogLedger.Entry> entries = ledger.readFrom(consumedOffset);
            List<DigestedLogFile> files = new ArrayList<>(entries.size());
            long offset = consumedOffset;
            long endMillis = end.toEpochMilli();
            for (DeliveredLogLedger.Entry e : entries) {
                if (!everything && e.deliveryTimeMillis >= endMillis) {
                    break; // delivered after this window: the next digest's
                }
                files.add(e.file);
                offset = e.endOffset;
            }
            SignedDigest digest = sign(end, files, offset);
            pending.add(digest);
            lastEnd = end;
            previous = new DigestDocument.Previous(bucket, digest.key, digest.sha256Hex, digest.signatureHex);
            consumedOffset = offset;
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            errors.digestError("making the digest ending " + end, e);
            return; // its files stay in the ledger for the next digest
        }
        retryAtMillis = 0;
        deliverPending(now);
    }

    private SignedDigest sign(Instant end, List<DigestedLogFile> files, long ledgerOffset)
            throws IOException, GeneralSecurityException {
        String oldest = null;
        String newest = null;
        for (DigestedLogFile f : files) {
            if (oldest == null || f.oldestEventTime().compareTo(oldest) < 0) {
                oldest = f.oldestEventTime();
            }
            if (newest == null || f.newestEventTime().compareTo(newest) > 0) {
                newest = f.newestEventTime();
            }
        }
        String key = keys.forEnd(end);
        String endText = cloudTrailTime(end);
        byte[] json = DigestDocument.toJson(accountId, cloudTrailTime(windowStart), endText, bucket, key,
                fingerprint, oldest, newest, previous, files);
        String sha256 = Hex.toHexString(sha256(json));
        String signature = DigestSignatures.sign(signingKey.privateKey(),
                SigningString.of(endText, bucket, key, sha256, previous.signatureHex()));
        return new SignedDigest(key, gzip(json), SignatureSidecar.metadata(signature), sha256, signature, end,
                ledgerOffset);
    }

    private void deliverPending(Instant now) {
        if (pending.isEmpty() || now.toEpochMilli() < retryAtMillis) {
            return;
        }
        while (!pending.isEmpty()) {
            SignedDigest d = pending.peek();
            try {
                if (!keysPublished) {
                    publishKeysIfNeeded(now);
                }
                destination.put(d.key, d.gzipped, d.metadata);
            } catch (IOException | RuntimeException e) {
                errors.digestError("delivering digest " + d.key, e);
                retryAtMillis = now.toEpochMilli() + retryDelayMillis;
                retryDelayMillis = Math.min(retryDelayMillis * 2, MAX_RETRY_MILLIS);
                return;
            }
            pending.remove();
            retryDelayMillis = FIRST_RETRY_MILLIS;
            if (!destination.deliversLater()) { // else the spool reports the real delivery
                stats.recordDigestDelivery(now.toEpochMilli());
                stats.recordDigestDeliveryError(null);
            }
            saveState(d);
        }
    }

    /** After a delivered digest: empty the ledger when all of it is digested, then remember how far we are. */
    private void saveState(SignedDigest delivered) {
        long offset = delivered.ledgerOffset;
        try {
            if (pending.isEmpty() && offset == consumedOffset && ledger.readFrom(offset).isEmpty()) {
                ledger.clear();
                offset = 0;
                consumedOffset = 0;
            }
            new DigestState(offset, delivered.end).write(stateFile);
        } catch (IOException e) {
            errors.digestError("saving the digest state in " + stateFile, e); // worst case: files listed twice
        }
    }

    private void refreshKeyIfRotated(Instant now) {
        if (!keyFile.changedSince(signingKey)) {
            return;
        }
        try {
            signingKey = keyFile.load();
            fingerprint = TrailPublicKey.fingerprint(TrailPublicKey.pkcs1Der(signingKey.publicKey()));
            keysPublished = false;
            publishKeysIfNeeded(now);
        } catch (ConfigException e) {
            errors.warning("the rotated signing key is not used, digests stay signed with key " + fingerprint
                    + ": " + e.getMessage());
        }
    }

    private void publishKeysIfNeeded(Instant now) {
        if (keysPublished || signingKey == null) {
            return;
        }
        try {
            publishedKeys.publish(TrailPublicKey.pkcs1Der(signingKey.publicKey()), now, destination);
            keysPublished = true;
        } catch (IOException | RuntimeException e) {
            errors.digestError("publishing the public keys", e); // retried before the next digest delivery
        }
    }

    private Instant boundaryAfter(Instant t) {
        long s = t.getEpochSecond();
        return Instant.ofEpochSecond((Math.floorDiv(s, intervalSeconds) + 1) * intervalSeconds);
    }

    private Instant latestBoundaryAtOrBefore(Instant t) {
        long s = t.getEpochSecond();
        return Instant.ofEpochSecond(Math.floorDiv(s, intervalSeconds) * intervalSeconds);
    }

    static String cloudTrailTime(Instant t) {
        return t.truncatedTo(ChronoUnit.SECONDS).toString();
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is a required JCA algorithm", e);
        }
    }

    private static byte[] gzip(byte[] json) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(json.length / 4 + 64);
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(json);
        }
        return out.toByteArray(); // one member, nothing after it
    }

    private static final class SignedDigest {
        final String key;
        final byte[] gzipped;
        final Map<String, String> metadata;
        final String sha256Hex;
        final String signatureHex;
        final Instant end;
        final long ledgerOffset;

        SignedDigest(String key, byte[] gzipped, Map<String, String> metadata, String sha256Hex,
                String signatureHex, Instant end, long ledgerOffset) {
            this.key = key;
            this.gzipped = gzipped;
            this.metadata = metadata;
            this.sha256Hex = sha256Hex;
            this.signatureHex = signatureHex;
            this.end = end;
            this.ledgerOffset = ledgerOffset;
        }
    }
}
