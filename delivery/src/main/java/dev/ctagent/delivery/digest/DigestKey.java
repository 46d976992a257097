package dev.ctagent.delivery.digest;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.regex.Pattern;

/**
 * Names digest files exactly as CloudTrail does (cloudtrail-formats.md §2.1):
 * {@code [<prefix>/]AWSLogs/<account>/CloudTrail-Digest/<region>/YYYY/MM/DD/<account>_CloudTrail-Digest_<region>_<trail>_<homeRegion>_<YYYYMMDDTHHMMSSZ>.json.gz}.
 * The date folders and the stamp are the digest's end time, to the second.
 */
public final class DigestKey {
    private static final DateTimeFormatter FOLDERS = DateTimeFormatter.ofPattern("uuuu/MM/dd").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter STAMP =
            DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
    /** The 16-character stamp ends a key just before {@code .json.gz}; the AWS CLI reads it positionally. */
    public static final int STAMP_LENGTH = 16;

    private final String folder;
    private final String namePrefix;

    /**
     * @param prefix the S3 key prefix without leading or trailing '/', or "" for none
     */
    public DigestKey(String prefix, String accountId, String region, String trailName, String homeRegion) {
        this.folder = folder(prefix, accountId, region);
        this.namePrefix = accountId + "_CloudTrail-Digest_" + region + "_" + trailName + "_" + homeRegion + "_";
    }

    /** The folder under which every digest of an account and region lives (no trailing '/'). */
    public static String folder(String prefix, String accountId, String region) {
        return (prefix.isEmpty() ? "" : prefix + "/") + "AWSLogs/" + accountId + "/CloudTrail-Digest/" + region;
    }

    /** The key of the digest whose window ends at {@code end} (whole seconds). */
    public String forEnd(Instant end) {
        return folder + "/" + FOLDERS.format(end) + "/" + namePrefix + STAMP.format(end) + ".json.gz";
    }

    /** The compact stamp CloudTrail puts in digest names, e.g. {@code 20240102T030405Z}. */
    public static String stamp(Instant t) {
        return STAMP.format(t);
    }

    /**
     * The AWS CLI's pattern for a trail's digest keys (§2.1): anything else under the digest folder is
     * skipped by it, and by our validator.
     */
    public static Pattern pattern(String prefix, String accountId, String region, String trailName,
            String homeRegion) {
        return Pattern.compile("^" + (prefix.isEmpty() ? "" : Pattern.quote(prefix + "/")) + "AWSLogs/"
                + Pattern.quote(accountId) + "/CloudTrail-Digest/" + Pattern.quote(region) + "/\\d+/\\d+/\\d+/"
                + Pattern.quote(accountId + "_CloudTrail-Digest_" + region + "_" + trailName + "_" + homeRegion + "_")
                + ".+(?:_backfill)?\\.json\\.gz$");
    }

    /** The stamp a digest key carries, read the way the AWS CLI reads it (characters [-24:-8]). */
    public static String stampOf(String key) {
        int end = key.length() - ".json.gz".length();
        return key.substring(end - STAMP_LENGTH, end);
    }
}
