package dev.ctagent.delivery.validation;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Function;
import java.util.regex.Pattern;

/** What {@link TrailValidator} validates; every field is optional, the trail's name can be found from its digests. */
public final class ValidationOptions {
    private static final Pattern ARN = Pattern.compile("arn:.+:cloudtrail:.+:\\d{12}:trail/.+");

    String prefix = "";
    String trailName;
    String homeRegion;
    String trailArn;
    String accountId;
    Instant start;
    Instant end;
    boolean verbose;
    PublicKeySource publicKeys;
    Function<String, TrailStore> otherBuckets = bucket -> null;
    Clock clock = Clock.systemUTC();
    int threads = Runtime.getRuntime().availableProcessors();
    Duration progressEvery = Duration.ofSeconds(2);

    /** The S3 key prefix; leading and trailing '/' are ignored. */
    public ValidationOptions prefix(String p) {
        String s = p == null ? "" : p;
        while (s.startsWith("/")) {
            s = s.substring(1);
        }
        while (s.endsWith("/")) {
            s = s.substring(0, s.length() - 1);
        }
        this.prefix = s;
        return this;
    }

    public ValidationOptions trailName(String name) {
        this.trailName = name;
        return this;
    }

    /**
     * The trail's ARN, printed as given; its name (after the last '/') and home region (the fourth field)
     * select the digests.
     *
     * @throws IllegalArgumentException {@code Invalid trail ARN provided: <arn>} (the CLI's message)
     */
    public ValidationOptions trailArn(String arn) {
        if (arn == null || !ARN.matcher(arn).lookingAt()) {
            throw new IllegalArgumentException("Invalid trail ARN provided: " + arn);
        }
        this.trailArn = arn;
        this.homeRegion = arn.split(":", -1)[3];
        this.trailName = arn.substring(arn.lastIndexOf('/') + 1);
        return this;
    }

    public ValidationOptions accountId(String id) {
        this.accountId = id;
        return this;
    }

    public ValidationOptions start(Instant t) {
        this.start = t;
        return this;
    }

    public ValidationOptions end(Instant t) {
        this.end = t;
        return this;
    }

    public ValidationOptions verbose(boolean v) {
        this.verbose = v;
        return this;
    }

    public ValidationOptions publicKeys(PublicKeySource source) {
        this.publicKeys = source;
        return this;
    }

    /** Stores for buckets other than the trail's own (a previous digest or a log file elsewhere). */
    public ValidationOptions otherBuckets(Function<String, TrailStore> stores) {
        this.otherBuckets = stores;
        return this;
    }

    public ValidationOptions clock(Clock c) {
        this.clock = c;
        return this;
    }

    public ValidationOptions threads(int n) {
        this.threads = Math.max(1, n);
        return this;
    }

    public ValidationOptions progressEvery(Duration every) {
        this.progressEvery = every;
        return this;
    }
}
