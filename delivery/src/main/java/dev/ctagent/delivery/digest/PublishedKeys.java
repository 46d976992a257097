package dev.ctagent.delivery.digest;

import dev.ctagent.delivery.destination.Destination;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The public keys a trail has signed with, kept in {@code <ct.dir>/.ct-agent/public-keys/<fingerprint>.json}
 * (the record of validity windows) and published with the trail at {@link PublicKeyFile#key}. When a new
 * signing key appears, the previous one's window is closed but it stays published, so older digests still
 * validate.
 */
public final class PublishedKeys {
    private final Path registry;
    private final String prefix;
    private final String accountId;
    private final String region;

    public PublishedKeys(Path registry, String prefix, String accountId, String region) {
        this.registry = registry;
        this.prefix = prefix;
        this.accountId = accountId;
        this.region = region;
    }

    public static Path defaultRegistry(Path ctDir) {
        return ctDir.resolve(".ct-agent").resolve("public-keys");
    }

    /**
     * Records {@code signing} as the current key (from {@code now} if it is new, closing the window of any
     * other open key) and publishes every known key to {@code destination}. Returns the current key's record.
     */
    public TrailPublicKey publish(byte[] signingPkcs1Der, Instant now, Destination destination) throws IOException {
        String fingerprint = TrailPublicKey.fingerprint(signingPkcs1Der);
        List<TrailPublicKey> known = known();
        TrailPublicKey current = null;
        List<TrailPublicKey> all = new ArrayList<>();
        for (TrailPublicKey k : known) {
            if (k.fingerprint().equals(fingerprint)) {
                current = k.validityEnd() == null ? k : new TrailPublicKey(k.pkcs1Der(), k.validityStart(), null);
                if (current != k) {
                    record(current); // signing again with a key that was retired
                }
                all.add(current);
            } else if (k.validityEnd() == null) {
                TrailPublicKey closed = k.endingAt(now);
                record(closed);
                all.add(closed);
            } else {
                all.add(k);
            }
        }
        if (current == null) {
            current = new TrailPublicKey(signingPkcs1Der, now, null);
            record(current);
            all.add(current);
        }
        for (TrailPublicKey k : all) {
            destination.put(PublicKeyFile.key(prefix, accountId, region, k.fingerprint()), PublicKeyFile.toJson(k),
                    Collections.emptyMap());
        }
        return current;
    }

    /** Every key in the registry; unreadable files are skipped. */
    public List<TrailPublicKey> known() throws IOException {
        List<TrailPublicKey> keys = new ArrayList<>();
        if (!Files.isDirectory(registry)) {
            return keys;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(registry, "*.json")) {
            for (Path f : files) {
                try {
                    keys.add(PublicKeyFile.fromJson(Files.readAllBytes(f)));
                } catch (IOException unreadable) {
                    // a torn write from a crash: the key is republished when it signs again
                }
            }
        }
        keys.sort((a, b) -> a.validityStart().compareTo(b.validityStart()));
        return keys;
    }

    private void record(TrailPublicKey key) throws IOException {
        Files.createDirectories(registry);
        Path target = registry.resolve(key.fingerprint() + ".json");
        Path tmp = registry.resolve("." + key.fingerprint() + ".json.new");
        Files.write(tmp, PublicKeyFile.toJson(key));
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }
}
