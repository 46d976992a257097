package dev.ctagent.delivery.logfile;

import dev.ctagent.runtime.config.AgentConfig;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Random;
import java.util.regex.Pattern;

/**
 * Names log files exactly as CloudTrail does:
 * {@code [<prefix>/]AWSLogs/<account>/CloudTrail/<region>/YYYY/MM/DD/<account>_CloudTrail_<region>_<YYYYMMDDTHHmmZ>_<unique>.json.gz}.
 * The date folders and the stamp are the delivery time (UTC), not an event time.
 */
public final class LogFileKey {
    /** The CloudTrail Processing Library only treats keys matching this as log files. */
    public static final Pattern CPL_LOG_FILE = Pattern.compile(".+_CloudTrail_[\\w\\-]+_\\d{8}T\\d{4}Z_[\\w]+\\.json\\.gz");
    /** CloudTrail's anti-collision part is 16 characters; the CPL needs word characters only. */
    public static final int UNIQUE_LENGTH = 16;

    private static final char[] ALPHANUMERIC =
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789".toCharArray();
    private static final DateTimeFormatter FOLDERS = DateTimeFormatter.ofPattern("uuuu/MM/dd").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter STAMP =
            DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmm'Z'").withZone(ZoneOffset.UTC);

    private final String folder;
    private final String namePrefix;
    private final Random random;

    /**
     * @param prefix the S3 key prefix without leading or trailing '/', or "" for none
     */
    public LogFileKey(String prefix, String accountId, String region, Random random) {
        this.folder = (prefix.isEmpty() ? "" : prefix + "/") + "AWSLogs/" + accountId + "/CloudTrail/" + region + "/";
        this.namePrefix = accountId + "_CloudTrail_" + region + "_";
        this.random = random;
    }

    public static LogFileKey of(AgentConfig config) {
        return new LogFileKey(config.prefix(), config.accountId(), config.region(), new SecureRandom());
    }

    /** A new, unique key for a file delivered at {@code deliveredAt}. */
    public String forDelivery(Instant deliveredAt) {
        return folder + FOLDERS.format(deliveredAt) + "/" + namePrefix + STAMP.format(deliveredAt) + "_"
                + randomAlphanumeric(random, UNIQUE_LENGTH) + ".json.gz";
    }

    static String randomAlphanumeric(Random random, int length) {
        char[] out = new char[length];
        for (int i = 0; i < length; i++) {
            out[i] = ALPHANUMERIC[random.nextInt(ALPHANUMERIC.length)];
        }
        return new String(out);
    }
}
