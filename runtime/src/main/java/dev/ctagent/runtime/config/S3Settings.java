package dev.ctagent.runtime.config;

import java.net.URI;
import java.util.regex.Pattern;

/**
 * Where the trail goes when it goes to S3 ({@code ct.s3.*}). Absent ({@link AgentConfig#s3()} null) when
 * {@code ct.s3.bucket} is empty: the trail then stays in the local directory.
 */
public final class S3Settings {
    /** Server-side encryption requested on every object. */
    public enum Sse { NONE, AES256, KMS }

    private static final Pattern BUCKET = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");

    private final String bucket;
    private final String region;
    private final URI endpoint;
    private final boolean pathStyle;
    private final Sse sse;
    private final String kmsKeyId;

    private S3Settings(String bucket, String region, URI endpoint, boolean pathStyle, Sse sse, String kmsKeyId) {
        this.bucket = bucket;
        this.region = region;
        this.endpoint = endpoint;
        this.pathStyle = pathStyle;
        this.sse = sse;
        this.kmsKeyId = kmsKeyId;
    }

    /** Null when {@code bucket} is empty (after checking every value). */
    static S3Settings parse(String bucket, String region, String endpoint, String pathStyle, String sse,
            String kmsKeyId) throws ConfigException {
        if (!bucket.isEmpty() && !BUCKET.matcher(bucket).matches()) {
            throw new ConfigException("ct.s3.bucket", bucket,
                    "expected an S3 bucket name (3-63 lower-case letters, digits, '.', '-')");
        }
        URI uri = endpoint.isEmpty() ? null : HttpUris.parse("ct.s3.endpoint", endpoint);
        Sse mode;
        if (sse.isEmpty() || sse.equalsIgnoreCase("none")) {
            mode = Sse.NONE;
        } else if (sse.equals("AES256")) {
            mode = Sse.AES256;
        } else if (sse.equals("aws:kms")) {
            mode = Sse.KMS;
        } else {
            throw new ConfigException("ct.s3.sse", sse, "expected AES256, aws:kms or none");
        }
        String kms = kmsKeyId.trim();
        if (!kms.isEmpty() && mode != Sse.KMS) {
            throw new ConfigException("ct.s3.kmsKeyId", kms, "only used with ct.s3.sse=aws:kms");
        }
        boolean path = ValueParsers.bool("ct.s3.pathStyle", pathStyle);
        if (bucket.isEmpty()) {
            return null; // every value was still checked: a typo is reported even before S3 is switched on
        }
        return new S3Settings(bucket, region, uri, path, mode,
                kms.isEmpty() ? null : kms);
    }

    public String bucket() { return bucket; }
    /** {@code ct.s3.region}, else {@code ct.region}. */
    public String region() { return region; }
    /** An S3-compatible endpoint, or null for AWS's own. */
    public URI endpoint() { return endpoint; }
    public boolean pathStyle() { return pathStyle; }
    public Sse sse() { return sse; }
    /** The KMS key for {@code aws:kms}, or null for the bucket's default key. */
    public String kmsKeyId() { return kmsKeyId; }
}
