package dev.ctagent.agent.cli;

import dev.ctagent.delivery.aws.SdkClients;
import dev.ctagent.delivery.validation.LocalTrailStore;
import dev.ctagent.delivery.validation.PublicKeyList;
import dev.ctagent.delivery.validation.PublicKeySource;
import dev.ctagent.delivery.validation.S3TrailStore;
import dev.ctagent.delivery.validation.TrailStore;
import dev.ctagent.delivery.validation.TrailValidator;
import dev.ctagent.delivery.validation.ValidationOptions;
import dev.ctagent.delivery.validation.UtcTimes;
import dev.ctagent.delivery.validation.ValidationException;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Clock;
import java.time.Instant;
import java.util.Set;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * {@code validate-logs}: {@code aws cloudtrail validate-logs} for a trail on local disk or in an S3 bucket (see
 * {@link TrailValidator} for what it checks beyond the AWS CLI). Exit 0 when everything is valid, 1 when
 * anything is invalid or a fatal error stops the run, 2 for a command line that cannot run.
 */
final class ValidateLogsCommand {
    static final String NAME = "validate-logs";
    private static final Set<String> VALUED = Set.of("--trail-dir", "--s3-bucket", "--s3-prefix", "--endpoint-url",
            "--region", "--trail-name", "--trail-arn", "--account-id", "--start-time", "--end-time", "--public-keys");
    private static final Set<String> SWITCHES = Set.of("--verbose");

    private ValidateLogsCommand() {}

    static String usage() {
        return "Usage: java -jar ct-agent.jar validate-logs (--trail-dir DIR | --s3-bucket B [--endpoint-url URL]\n"
                + "           [--region R]) [--s3-prefix P]\n"
                + "           [--trail-name N | --trail-arn ARN] [--account-id A] [--start-time T] [--end-time T]\n"
                + "           [--public-keys FILE] [--verbose]\n"
                + "\n"
                + "Validates a trail's log files against its signed digest chain, with the output of\n"
                + "`aws cloudtrail validate-logs`. Exit status: 0 all valid, 1 something invalid (or a fatal\n"
                + "error), 2 a command line that cannot run.\n"
                + "\n"
                + "  --trail-dir DIR     the folder standing for the bucket (it holds [P/]AWSLogs/), or a folder\n"
                + "                      with exactly one such subfolder (the agent's ct.dir)\n"
                + "  --s3-bucket B       read the trail straight from this S3 bucket (credentials from the standard\n"
                + "                      AWS chain: AWS_ACCESS_KEY_ID..., ~/.aws, instance roles)\n"
                + "  --endpoint-url URL  an S3-compatible endpoint (path-style addressing; default: AWS, or\n"
                + "                      $AWS_ENDPOINT_URL_S3 when set)\n"
                + "  --region R          the bucket's region (default: $AWS_REGION, else the trail ARN's, else us-east-1)\n"
                + "  --s3-prefix P       the trail's S3 key prefix\n"
                + "  --trail-name N      the trail (default: the only trail with digests in DIR)\n"
                + "  --trail-arn ARN     the trail, printed as given; its name and home region select the digests\n"
                + "  --account-id A      only this account's folder (default: every account)\n"
                + "  --start-time T      ISO-8601 (2026-11-21T14:00:00Z, 2026-11-21T14:00, 2026-11-21), read as UTC\n"
                + "                      (default: the start of the oldest digest)\n"
                + "  --end-time T        the same (default: now)\n"
                + "  --public-keys FILE  check digests with the keys in FILE only: a CloudTrail ListPublicKeys answer\n"
                + "                      (JSON) obtained out of band (default: the keys published in the trail)\n"
                + "  --verbose           also print every valid file\n"
                + "  --help              this text\n";
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        return run(args, out, err, Clock.systemUTC());
    }

    static int run(String[] args, PrintStream out, PrintStream err, Clock clock) {
        if (Flags.wantsHelp(args)) {
            out.print(usage());
            return 0;
        }
        TrailValidator validator;
        try {
            Flags flags = Flags.parse(args, VALUED, SWITCHES);
            validator = validator(flags, clock);
        } catch (Flags.UsageError e) {
            err.println("ct-agent " + NAME + ": " + e.getMessage());
            err.print(usage());
            return 2;
        } catch (IllegalArgumentException e) {
            err.println("ct-agent " + NAME + ": " + e.getMessage());
            return 2;
        }
        try {
            return validator.run(out, err);
        } catch (ValidationException e) {
            if (e.isUsage()) {
                err.println("ct-agent " + NAME + ": " + e.getMessage());
                return 2;
            }
            out.flush();
            err.println(e.getMessage());
            return 1;
        }
    }

    private static TrailValidator validator(Flags flags, Clock clock) throws Flags.UsageError {
        String dir = flags.get("--trail-dir");
        String bucket = flags.get("--s3-bucket");
        if ((dir == null) == (bucket == null)) {
            throw new Flags.UsageError("give one of --trail-dir or --s3-bucket");
        }
        if (flags.has("--trail-name") && flags.has("--trail-arn")) {
            throw new Flags.UsageError("give --trail-name or --trail-arn, not both");
        }
        String prefix = Flags.prefix(flags.get("--s3-prefix"));
        ValidationOptions options = new ValidationOptions().prefix(prefix).clock(clock)
                .verbose(flags.has("--verbose")).accountId(flags.get("--account-id"))
                .start(time(flags, "--start-time")).end(time(flags, "--end-time"));
        if (flags.has("--trail-arn")) {
            options.trailArn(flags.get("--trail-arn"));
        } else {
            options.trailName(flags.get("--trail-name"));
        }
        TrailStore store = bucket != null ? s3Store(flags, bucket) : localStore(dir, prefix);
        String keysFile = flags.get("--public-keys");
        if (keysFile != null) {
            try {
                options.publicKeys(PublicKeySource.pinned(PublicKeyList.parse(Files.readAllBytes(Paths.get(keysFile)))));
            } catch (IOException e) {
                throw new IllegalArgumentException("--public-keys " + keysFile + ": " + e.getMessage(), e);
            }
        }
        return new TrailValidator(store, options);
    }

    /** The bucket through the agent's own S3 client, as the AWS CLI reads it. */
    private static TrailStore s3Store(Flags flags, String bucket) {
        String endpoint = flags.get("--endpoint-url");
        if (endpoint == null) {
            String fromEnv = System.getenv("AWS_ENDPOINT_URL_S3");
            endpoint = fromEnv == null || fromEnv.isBlank() ? null : fromEnv.trim();
        }
        String region = flags.get("--region");
        if (region == null) {
            String fromEnv = System.getenv("AWS_REGION");
            String arn = flags.get("--trail-arn");
            String[] parts = arn == null ? new String[0] : arn.split(":");
            region = fromEnv != null && !fromEnv.isBlank() ? fromEnv.trim() : parts.length > 3 ? parts[3] : "us-east-1";
        }
        URI uri;
        try {
            uri = endpoint == null ? null : new URI(endpoint);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("--endpoint-url " + endpoint + ": " + e.getMessage(), e);
        }
        S3Client s3 = SdkClients.s3(region, uri, uri != null, DefaultCredentialsProvider.builder().build());
        return new S3TrailStore(s3, bucket);
    }

    private static TrailStore localStore(String dir, String prefix) {
        Path bucketDir;
        try {
            bucketDir = LocalTrailStore.locate(Paths.get(dir), prefix);
        } catch (IOException e) {
            throw new IllegalArgumentException("--trail-dir " + dir + ": " + e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--trail-dir " + e.getMessage(), e);
        }
        return new LocalTrailStore(bucketDir);
    }

    /** The time of an option, or null when absent. */
    static Instant time(Flags flags, String option) {
        String text = flags.get(option);
        if (text == null) {
            return null;
        }
        try {
            return UtcTimes.parse(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(option + ": " + e.getMessage(), e);
        }
    }
}
