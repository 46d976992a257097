package dev.ctagent.delivery.validation;

import dev.ctagent.delivery.digest.TrailPublicKey;
import java.io.IOException;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where the validator finds the keys digests are checked with; it plays the part of the AWS CLI's
 * {@code ListPublicKeys(StartTime, EndTime)} call.
 */
public abstract class PublicKeySource {
    PublicKeySource() {}

    /**
     * The keys published in the trail itself for the digest's account and region, those whose validity
     * overlaps the asked range (as ListPublicKeys filters).
     */
    public static PublicKeySource published(TrailStore store, String prefix) {
        return new PublicKeySource() {
            private final Map<String, List<TrailPublicKey>> cache = new HashMap<>();

            @Override
            Map<String, TrailPublicKey> keys(String account, String region, Instant from, Instant to)
                    throws IOException {
                String chain = account + "/" + region;
                List<TrailPublicKey> all = cache.get(chain);
                if (all == null) {
                    all = PublishedKeyReader.read(store, prefix, account, region, problem -> { });
                    cache.put(chain, all);
                }
                Map<String, TrailPublicKey> inRange = new LinkedHashMap<>();
                for (TrailPublicKey k : all) {
                    if (k.overlaps(from, to)) {
                        inRange.put(k.fingerprint(), k);
                    }
                }
                return inRange;
            }
        };
    }

    /**
     * Exactly the given keys (obtained out of band, e.g. from CloudTrail's ListPublicKeys), for every account,
     * region and time range.
     */
    public static PublicKeySource pinned(List<TrailPublicKey> keys) {
        Map<String, TrailPublicKey> byFingerprint = new LinkedHashMap<>();
        for (TrailPublicKey k : keys) {
            byFingerprint.put(k.fingerprint(), k);
        }
        return new PublicKeySource() {
            @Override
            Map<String, TrailPublicKey> keys(String account, String region, Instant from, Instant to) {
                return byFingerprint;
            }
        };
    }

    /** By fingerprint. */
    abstract Map<String, TrailPublicKey> keys(String account, String region, Instant from, Instant to)
            throws IOException;
}
