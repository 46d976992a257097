package dev.ctagent.delivery.validation;

import dev.ctagent.delivery.digest.DigestKey;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a bucket holds for one trail: which accounts, and per account which regions have digests of the trail
 * (each one chain) and which have log files. Finds the trail's name and home region from the digest keys
 * when they are not given.
 */
final class TrailLayout {
    /**
     * The digests of one trail in one account and region — of one agent instance when several write the
     * trail ({@code <trail>~<instance>} in the digest names): one independent chain walk.
     */
    static final class Chain {
        final String account;
        final String region;
        /** The trail name the digest keys carry: the trail's, or {@code <trail>~<instance>}. */
        final String digestTrailName;
        /** Every key of the trail's digests there (regular and backfill), in byte order. */
        final List<String> keys;

        Chain(String account, String region, String digestTrailName, List<String> keys) {
            this.account = account;
            this.region = region;
            this.digestTrailName = digestTrailName;
            this.keys = Collections.unmodifiableList(keys);
        }

        /** The newest digest's end, read from its key's stamp; null when none can be read. */
        Instant newestEnd() {
            Instant newest = null;
            for (String k : keys) {
                Instant t = UtcTimes.parseDigestStamp(stampOf(k));
                if (t != null && (newest == null || t.isAfter(newest))) {
                    newest = t;
                }
            }
            return newest;
        }
    }

    private static final Pattern ACCOUNT = Pattern.compile("\\d{12}");
    private static final Pattern DIGEST_NAME =
            Pattern.compile("^(.+)_([^_/]+)_(\\d{8}T\\d{6}Z)(?:_backfill)?\\.json\\.gz$");

    final String prefix;
    final String trailName;
    /** Null when the trail has no digests here and no ARN named it. */
    final String homeRegion;
    final List<String> accounts;
    /** Per account, its chains by region (regions in byte order). */
    final Map<String, List<Chain>> chains;
    /** Per account, the regions with a {@code CloudTrail/<region>/} log folder. */
    final Map<String, Set<String>> logRegions;

    private TrailLayout(String prefix, String trailName, String homeRegion, List<String> accounts,
            Map<String, List<Chain>> chains, Map<String, Set<String>> logRegions) {
        this.prefix = prefix;
        this.trailName = trailName;
        this.homeRegion = homeRegion;
        this.accounts = accounts;
        this.chains = chains;
        this.logRegions = logRegions;
    }

    /** {@code [prefix/]AWSLogs/}. */
    static String logsFolder(String prefix) {
        return (prefix.isEmpty() ? "" : prefix + "/") + "AWSLogs/";
    }

    /** The digest key's stamp, read as the AWS CLI reads it (regular {@code [-24:-8]}, backfill {@code [-33:-17]}). */
    static String stampOf(String key) {
        if (key.endsWith("_backfill.json.gz")) {
            int end = key.length() - "_backfill.json.gz".length();
            return end < 16 ? "" : key.substring(end - 16, end);
        }
        return key.length() < 24 ? "" : DigestKey.stampOf(key);
    }

    static boolean isBackfill(String key) {
        return key.endsWith("_backfill.json.gz");
    }

    /**
     * @param trailName null to find it from the digests
     * @param homeRegion null to find it from the digests
     * @param accountId null for every account folder
     */
    static TrailLayout discover(TrailStore store, String prefix, String trailName, String homeRegion,
            String accountId) throws IOException, ValidationException {
        String logs = logsFolder(prefix);
        List<String> accounts = new ArrayList<>();
        if (accountId != null) {
            accounts.add(accountId);
        } else {
            for (String folder : store.listFolders(logs)) {
                String name = PublishedKeyReader.lastSegment(folder);
                if (ACCOUNT.matcher(name).matches()) {
                    accounts.add(name);
                }
            }
        }

        // account -> (region -> digest keys), and every (trail name, home region) seen
        Map<String, Map<String, List<String>>> digestKeys = new LinkedHashMap<>();
        Map<String, Set<String>> homesByName = new TreeMap<>(LocalTrailStore.BYTE_ORDER);
        for (String account : accounts) {
            String folder = logs + account + "/CloudTrail-Digest/";
            Map<String, List<String>> byRegion = new TreeMap<>(LocalTrailStore.BYTE_ORDER);
            for (String key : store.list(folder)) {
                int slash = key.indexOf('/', folder.length());
                if (slash < 0) {
                    continue;
                }
                String region = key.substring(folder.length(), slash);
                String fileName = key.substring(key.lastIndexOf('/') + 1);
                String head = account + "_CloudTrail-Digest_" + region + "_";
                if (!fileName.startsWith(head)) {
                    continue;
                }
                Matcher m = DIGEST_NAME.matcher(fileName.substring(head.length()));
                if (m.matches()) {
                    homesByName.computeIfAbsent(baseName(m.group(1)), n -> new TreeSet<>(LocalTrailStore.BYTE_ORDER))
                            .add(m.group(2));
                }
                byRegion.computeIfAbsent(region, r -> new ArrayList<>()).add(key);
            }
            digestKeys.put(account, byRegion);
        }

        String name = trailName;
        String home = homeRegion;
        if (name == null) {
            if (homesByName.isEmpty()) {
                throw ValidationException.usage("no digest files under s3://" + store.bucket() + "/" + logs
                        + "; name the trail with --trail-name or --trail-arn");
            }
            if (homesByName.size() > 1 || homesByName.values().iterator().next().size() > 1) {
                throw ValidationException.usage("digest files of several trails under s3://" + store.bucket() + "/"
                        + logs + ": " + describe(homesByName) + "; choose one with --trail-name or --trail-arn");
            }
            name = homesByName.keySet().iterator().next();
        }
        if (home == null) {
            Set<String> homes = homesByName.getOrDefault(baseName(name), Collections.emptySet());
            if (homes.size() > 1) {
                throw ValidationException.usage("trail " + name + " has digest files for several home regions ("
                        + String.join(", ", homes) + "); choose one with --trail-arn");
            }
            home = homes.isEmpty() ? null : homes.iterator().next();
        }

        Map<String, List<Chain>> chains = new LinkedHashMap<>();
        Map<String, Set<String>> logRegions = new LinkedHashMap<>();
        for (String account : accounts) {
            List<Chain> accountChains = new ArrayList<>();
            if (home != null) {
                for (Map.Entry<String, List<String>> e : digestKeys.get(account).entrySet()) {
                    String region = e.getKey();
                    for (String digestName : digestTrailNames(account, region, name, home, e.getValue())) {
                        Pattern trail = DigestKey.pattern(prefix, account, region, digestName, home);
                        List<String> keys = new ArrayList<>();
                        for (String key : e.getValue()) {
                            if (trail.matcher(key).matches()) {
                                keys.add(key);
                            }
                        }
                        if (!keys.isEmpty()) {
                            accountChains.add(new Chain(account, region, digestName, keys));
                        }
                    }
                }
            }
            chains.put(account, accountChains);
            Set<String> regions = new TreeSet<>(LocalTrailStore.BYTE_ORDER);
            for (String folder : store.listFolders(logs + account + "/CloudTrail/")) {
                regions.add(PublishedKeyReader.lastSegment(folder));
            }
            logRegions.put(account, regions);
        }
        return new TrailLayout(prefix, name, home, Collections.unmodifiableList(accounts), chains, logRegions);
    }

    /** The ARN the AWS CLI would be given for this trail (the first account with digests owns it). */
    String arn(String accountId) {
        String account = accountId;
        if (account == null) {
            for (String a : accounts) {
                if (!chains.get(a).isEmpty()) {
                    account = a;
                    break;
                }
            }
        }
        if (account == null) {
            account = accounts.isEmpty() ? "000000000000" : accounts.get(0);
        }
        String home = homeRegion;
        if (home == null) {
            Set<String> regions = logRegions.get(account);
            home = regions == null || regions.isEmpty() ? "us-east-1" : regions.iterator().next();
        }
        return "arn:aws:cloudtrail:" + home + ":" + account + ":trail/" + trailName;
    }

    List<Chain> allChains() {
        List<Chain> all = new ArrayList<>();
        for (String a : accounts) {
            all.addAll(chains.get(a));
        }
        return all;
    }

    /** {@code orders} for {@code orders~pod-a}: the trail an instance's chain belongs to. */
    static String baseName(String digestTrailName) {
        int tilde = digestTrailName.indexOf('~');
        return tilde < 0 ? digestTrailName : digestTrailName.substring(0, tilde);
    }

    /** The trail's own name and every {@code <trail>~<instance>} seen in these digest keys, in byte order. */
    private static Set<String> digestTrailNames(String account, String region, String trail, String home,
            List<String> keys) {
        Set<String> names = new TreeSet<>(LocalTrailStore.BYTE_ORDER);
        String head = account + "_CloudTrail-Digest_" + region + "_";
        for (String key : keys) {
            String fileName = key.substring(key.lastIndexOf('/') + 1);
            if (!fileName.startsWith(head)) {
                continue;
            }
            Matcher m = DIGEST_NAME.matcher(fileName.substring(head.length()));
            // the whole trail (every instance's chain), or one instance's chain when named so
            if (m.matches() && m.group(2).equals(home)
                    && (baseName(m.group(1)).equals(trail) || m.group(1).equals(trail))) {
                names.add(m.group(1));
            }
        }
        return names;
    }

    private static String describe(Map<String, Set<String>> homesByName) {
        StringBuilder s = new StringBuilder();
        for (Map.Entry<String, Set<String>> e : homesByName.entrySet()) {
            for (String home : e.getValue()) {
                if (s.length() > 0) {
                    s.append(", ");
                }
                s.append(e.getKey()).append(" (home region ").append(home).append(')');
            }
        }
        return s.toString();
    }
}
