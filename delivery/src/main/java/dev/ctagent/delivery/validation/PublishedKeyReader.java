package dev.ctagent.delivery.validation;

import dev.ctagent.delivery.digest.PublicKeyFile;
import dev.ctagent.delivery.digest.TrailPublicKey;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/** The public keys a trail publishes next to its digests ({@link PublicKeyFile}), read from a store. */
public final class PublishedKeyReader {
    private static final Pattern ACCOUNT = Pattern.compile("\\d{12}");
    /** Oldest first, then by fingerprint: a stable order for printing. */
    public static final Comparator<TrailPublicKey> ORDER =
            Comparator.comparing(TrailPublicKey::validityStart).thenComparing(TrailPublicKey::fingerprint);

    private PublishedKeyReader() {}

    /**
     * Every key published for an account and region ({@code *.json} directly in the folder), each indexed by
     * the fingerprint recomputed from its bytes. A file that cannot be read as a key is passed to
     * {@code problems} and skipped.
     */
    public static List<TrailPublicKey> read(TrailStore store, String prefix, String account, String region,
            Consumer<String> problems) throws IOException {
        String folder = PublicKeyFile.folder(prefix, account, region) + "/";
        Map<String, TrailPublicKey> byFingerprint = new LinkedHashMap<>();
        for (String key : store.list(folder)) {
            if (!key.endsWith(".json") || key.indexOf('/', folder.length()) >= 0) {
                continue;
            }
            try {
                TrailPublicKey k = PublicKeyFile.fromJson(store.read(key));
                byFingerprint.put(k.fingerprint(), k);
            } catch (NoSuchKeyException gone) {
                // removed while listing
            } catch (IOException e) {
                problems.accept("s3://" + store.bucket() + "/" + key + ": " + e.getMessage());
            }
        }
        List<TrailPublicKey> keys = new ArrayList<>(byFingerprint.values());
        keys.sort(ORDER);
        return keys;
    }

    /**
     * The keys of every account (or only {@code account}) and every region (or only {@code region}) that
     * publishes keys, without duplicates.
     */
    public static List<TrailPublicKey> readAll(TrailStore store, String prefix, String account, String region,
            Consumer<String> problems) throws IOException {
        String logs = (prefix.isEmpty() ? "" : prefix + "/") + "AWSLogs/";
        List<String> accounts = new ArrayList<>();
        if (account != null) {
            accounts.add(account);
        } else {
            for (String folder : store.listFolders(logs)) {
                String name = lastSegment(folder);
                if (ACCOUNT.matcher(name).matches()) {
                    accounts.add(name);
                }
            }
        }
        Map<String, TrailPublicKey> all = new LinkedHashMap<>();
        for (String a : accounts) {
            List<String> regions = new ArrayList<>();
            if (region != null) {
                regions.add(region);
            } else {
                String keysFolder = logs + a + "/CloudTrail-PublicKey/";
                for (String folder : store.listFolders(keysFolder)) {
                    regions.add(lastSegment(folder));
                }
            }
            for (String r : regions) {
                for (TrailPublicKey k : read(store, prefix, a, r, problems)) {
                    all.putIfAbsent(k.fingerprint(), k);
                }
            }
        }
        List<TrailPublicKey> keys = new ArrayList<>(all.values());
        keys.sort(ORDER);
        return keys;
    }

    /** {@code a/b/c/} → {@code c}. */
    static String lastSegment(String folderPrefix) {
        String s = folderPrefix.endsWith("/") ? folderPrefix.substring(0, folderPrefix.length() - 1) : folderPrefix;
        return s.substring(s.lastIndexOf('/') + 1);
    }
}
