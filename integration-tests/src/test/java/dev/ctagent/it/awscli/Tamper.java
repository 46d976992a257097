package dev.ctagent.it.awscli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Edits to a copy of a trail's bucket folder, each what an attacker (or an accident) could do to the objects
 * in a bucket. Digest edits work on the exact bytes, so everything not meant to change stays byte-identical.
 */
public final class Tamper {
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmss'Z'");
    private static final DateTimeFormatter LOG_STAMP = DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmm'Z'");
    private static final DateTimeFormatter FOLDERS = DateTimeFormatter.ofPattern("uuuu/MM/dd");
    private final Path folder;

    /** @param bucketFolder the folder standing for the bucket (keys are relative to it) */
    public Tamper(Path bucketFolder) {
        this.folder = bucketFolder;
    }

    public Path path(String key) {
        return folder.resolve(key);
    }

    /** The uncompressed JSON of a {@code .json.gz} object. */
    public String json(String key) throws IOException {
        return new String(Gzip.gunzip(Files.readAllBytes(path(key))), StandardCharsets.UTF_8);
    }

    private void writeJson(String key, String json) throws IOException {
        Files.write(path(key), Gzip.gzip(json.getBytes(StandardCharsets.UTF_8)));
    }

    /** One byte of a log file's JSON changed (the first digit of the first eventTime's year), re-gzipped. */
    public void changeOneByte(String logKey) throws IOException {
        String json = json(logKey);
        int at = json.indexOf("\"eventTime\":\"") + "\"eventTime\":\"".length();
        if (at < "\"eventTime\":\"".length() || json.charAt(at) != '2') {
            throw new IllegalStateException("no eventTime in 2xxx in " + logKey);
        }
        writeJson(logKey, json.substring(0, at) + '3' + json.substring(at + 1));
    }

    public void delete(String key) throws IOException {
        Files.delete(path(key));
    }

    /**
     * A copy of a log file under a new name (another 16-character unique part) whose delivery stamp is
     * {@code earlier} before the original's: a back-dated file, in its date folder, that no digest lists.
     */
    public String addUnlistedCopy(String logKey, Duration earlier) throws IOException {
        Matcher m = Pattern.compile("^(.*/CloudTrail/[^/]+/)\\d{4}/\\d{2}/\\d{2}/(.*_)(\\d{8}T\\d{4}Z)_\\w{16}\\.json\\.gz$")
                .matcher(logKey);
        if (!m.matches()) {
            throw new IllegalArgumentException("not a log file key: " + logKey);
        }
        LocalDateTime stamp = LocalDateTime.parse(m.group(3), LOG_STAMP).minus(earlier);
        String key = m.group(1) + FOLDERS.format(stamp) + "/" + m.group(2) + LOG_STAMP.format(stamp)
                + "_TamperedUnlisted.json.gz";
        Files.createDirectories(path(key).getParent());
        Files.copy(path(logKey), path(key));
        return key;
    }

    /** The first {@code hashValue} in a digest's JSON gets a different first hex digit; the signature stays. */
    public void editFirstHashValue(String digestKey) throws IOException {
        String json = json(digestKey);
        Matcher m = Pattern.compile("\"hashValue\":\"([0-9a-f])").matcher(json);
        if (!m.find()) {
            throw new IllegalStateException("no hashValue in " + digestKey);
        }
        char c = m.group(1).charAt(0);
        char other = c == '0' ? '1' : '0';
        writeJson(digestKey, json.substring(0, m.start(1)) + other + json.substring(m.end(1)));
    }

    /**
     * The digest re-signed with {@code key}: its {@code digestPublicKeyFingerprint} becomes the key's, and its
     * sidecar carries the new signature (made exactly as CloudTrail makes one).
     */
    public void resign(String digestKey, SigningKey key) throws IOException {
        String json = json(digestKey).replaceFirst("\"digestPublicKeyFingerprint\":\"[0-9a-f]+\"",
                "\"digestPublicKeyFingerprint\":\"" + key.fingerprint() + "\"");
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        Files.write(path(digestKey), Gzip.gzip(bytes));
        Files.writeString(sidecar(digestKey), "{\"signature\":\"" + key.sign(bytes)
                + "\",\"signature-algorithm\":\"SHA256withRSA\"}\n");
    }

    /** The digest's signature sidecar deleted: in a bucket, a digest object without user metadata. */
    public void removeSignature(String digestKey) throws IOException {
        Files.delete(sidecar(digestKey));
    }

    /** The digest (and its sidecar) moved to the key whose stamp is one second later; returns that key. */
    public String moveOneSecondLater(String digestKey) throws IOException {
        int end = digestKey.length() - ".json.gz".length();
        String stamp = digestKey.substring(end - 16, end);
        String later = STAMP.format(LocalDateTime.parse(stamp, STAMP).plusSeconds(1));
        String key = digestKey.substring(0, end - 16) + later + ".json.gz";
        Files.move(path(digestKey), path(key));
        Files.move(sidecar(digestKey), sidecar(key));
        return key;
    }

    /**
     * Publishes {@code key} in the trail's public key folder (next to the digest's account and region), as an
     * attacker with write access to the bucket could: a validator must not trust keys from the bucket itself.
     */
    public String publishPublicKey(String digestKey, SigningKey key) throws IOException {
        Matcher m = Pattern.compile("^(.*AWSLogs/(?:.+/)?\\d{12})/CloudTrail-Digest/([^/]+)/").matcher(digestKey);
        if (!m.find()) {
            throw new IllegalArgumentException("not a digest key: " + digestKey);
        }
        String keyFile = m.group(1) + "/CloudTrail-PublicKey/" + m.group(2) + "/" + key.fingerprint() + ".json";
        Files.createDirectories(path(keyFile).getParent());
        Files.writeString(path(keyFile), "{\"Value\":\"" + java.util.Base64.getEncoder().encodeToString(key.pkcs1Der())
                + "\",\"ValidityStartTime\":\"2000-01-01T00:00:00Z\",\"ValidityEndTime\":null,\"Fingerprint\":\""
                + key.fingerprint() + "\"}\n");
        return keyFile;
    }

    private Path sidecar(String digestKey) {
        return path(digestKey + TrailUpload.SIDECAR_SUFFIX);
    }
}
