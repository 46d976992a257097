package dev.ctagent.it.awscli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The real AWS CLI (v1, {@code aws} on the PATH, or the one named by the system property {@code ct.it.aws})
 * pointed at local servers only: S3 through {@code AWS_ENDPOINT_URL_S3}, CloudTrail through
 * {@code --endpoint-url}, dummy credentials, and empty config and credentials files so nothing of the
 * machine's own AWS setup leaks in.
 */
public final class AwsCli {
    private final String s3Endpoint;
    private final String cloudTrailEndpoint;
    private final String region;
    private final String accessKey;
    private final String secretKey;

    public AwsCli(String s3Endpoint, String cloudTrailEndpoint, String region) {
        this(s3Endpoint, cloudTrailEndpoint, region, "test", "test");
    }

    /** With the keys an S3 store that checks signatures (S3Proxy) expects. */
    public AwsCli(String s3Endpoint, String cloudTrailEndpoint, String region, String accessKey, String secretKey) {
        this.s3Endpoint = s3Endpoint;
        this.cloudTrailEndpoint = cloudTrailEndpoint;
        this.region = region;
        this.accessKey = accessKey;
        this.secretKey = secretKey;
    }

    public static String trailArn(String region, String accountId, String trailName) {
        return "arn:aws:cloudtrail:" + region + ":" + accountId + ":trail/" + trailName;
    }

    /**
     * {@code aws cloudtrail validate-logs --trail-arn A --start-time S [--end-time E] [--s3-bucket B] --verbose};
     * without a bucket the CLI asks DescribeTrails for it.
     *
     * @param end may be null (the CLI then uses "now")
     * @param s3Bucket may be null
     */
    public CliRun validateLogs(String trailArn, Instant start, Instant end, String s3Bucket)
            throws IOException, InterruptedException {
        List<String> args = new ArrayList<>(List.of("cloudtrail", "validate-logs", "--trail-arn", trailArn,
                "--start-time", iso(start)));
        if (end != null) {
            args.addAll(List.of("--end-time", iso(end)));
        }
        if (s3Bucket != null) {
            args.addAll(List.of("--s3-bucket", s3Bucket));
        }
        args.addAll(List.of("--verbose", "--endpoint-url", cloudTrailEndpoint));
        return run(args);
    }

    /** Runs {@code aws <args>} in the isolated environment. */
    public CliRun run(List<String> args) throws IOException, InterruptedException {
        Path home = Files.createTempDirectory("aws-cli-config");
        Path config = Files.createFile(home.resolve("config"));
        Path credentials = Files.createFile(home.resolve("credentials"));
        List<String> cmd = new ArrayList<>();
        cmd.add(System.getProperty("ct.it.aws", "aws"));
        cmd.addAll(args);
        Map<String, String> env = new HashMap<>();
        System.getenv().keySet().stream().filter(k -> k.startsWith("AWS_")).forEach(k -> env.put(k, null));
        env.put("AWS_ENDPOINT_URL_S3", s3Endpoint);
        env.put("AWS_ACCESS_KEY_ID", accessKey);
        env.put("AWS_SECRET_ACCESS_KEY", secretKey);
        env.put("AWS_DEFAULT_REGION", region);
        env.put("AWS_CONFIG_FILE", config.toString());
        env.put("AWS_SHARED_CREDENTIALS_FILE", credentials.toString());
        env.put("AWS_EC2_METADATA_DISABLED", "true");
        env.put("AWS_PAGER", "");
        return CliRun.run(cmd, env);
    }

    /** {@code 2024-01-02T03:04:05Z}: whole seconds, which the CLI reads as UTC. */
    public static String iso(Instant t) {
        return t.truncatedTo(ChronoUnit.SECONDS).toString();
    }
}
