package dev.ctagent.agent.cli;

import dev.ctagent.delivery.digest.TrailPublicKey;
import dev.ctagent.delivery.validation.LocalTrailStore;
import dev.ctagent.delivery.validation.PublicKeyList;
import dev.ctagent.delivery.validation.PublishedKeyReader;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * {@code list-public-keys}: the public keys a trail publishes, printed exactly as CloudTrail's ListPublicKeys
 * answers on the JSON wire ({@code {"PublicKeyList":[{"Value":…,"ValidityStartTime":<epoch s>,
 * "ValidityEndTime":<epoch s>,"Fingerprint":…}]}}), so a fake CloudTrail endpoint can serve it to
 * {@code aws cloudtrail validate-logs} verbatim, and {@code validate-logs --public-keys} can pin it.
 */
final class ListPublicKeysCommand {
    static final String NAME = "list-public-keys";
    private static final Set<String> VALUED = Set.of("--trail-dir", "--s3-prefix", "--account-id", "--region",
            "--start-time", "--end-time");

    private ListPublicKeysCommand() {}

    static String usage() {
        return "Usage: java -jar ct-agent.jar list-public-keys --trail-dir DIR [--s3-prefix P] [--account-id A]\n"
                + "           [--region R] [--start-time T] [--end-time T]\n"
                + "\n"
                + "Prints the public keys published in the trail as CloudTrail's ListPublicKeys answer (JSON):\n"
                + "those whose validity overlaps [start, end] (default: all). A key still in use is given\n"
                + "ValidityEndTime = the later of the end time and now.\n"
                + "\n"
                + "  --trail-dir DIR     the folder standing for the bucket, or the agent's ct.dir\n"
                + "  --s3-prefix P       the trail's S3 key prefix\n"
                + "  --account-id A      only this account (default: every account)\n"
                + "  --region R          only this region (default: every region)\n"
                + "  --start-time T      ISO-8601, read as UTC\n"
                + "  --end-time T        ISO-8601, read as UTC\n"
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
        Flags flags;
        Instant start;
        Instant end;
        try {
            flags = Flags.parse(args, VALUED, Set.of());
            if (flags.get("--trail-dir") == null) {
                throw new Flags.UsageError("missing required option --trail-dir");
            }
        } catch (Flags.UsageError e) {
            err.println("ct-agent " + NAME + ": " + e.getMessage());
            err.print(usage());
            return 2;
        }
        String prefix = Flags.prefix(flags.get("--s3-prefix"));
        Path bucketDir;
        try {
            start = ValidateLogsCommand.time(flags, "--start-time");
            end = ValidateLogsCommand.time(flags, "--end-time");
            if (start != null && end != null && start.isAfter(end)) {
                throw new IllegalArgumentException(
                        "Invalid time range specified: start-time must occur before end-time");
            }
            bucketDir = LocalTrailStore.locate(Paths.get(flags.get("--trail-dir")), prefix);
        } catch (IllegalArgumentException | IOException e) {
            err.println("ct-agent " + NAME + ": " + e.getMessage());
            return 2;
        }
        List<TrailPublicKey> keys;
        try {
            keys = PublishedKeyReader.readAll(new LocalTrailStore(bucketDir), prefix, flags.get("--account-id"),
                    flags.get("--region"), problem -> err.println("ct-agent " + NAME + ": skipping " + problem));
        } catch (IOException e) {
            err.println("ct-agent " + NAME + ": " + e.getMessage());
            return 1;
        }
        Instant clockNow = clock.instant();
        Instant now = Instant.ofEpochSecond(clockNow.getEpochSecond() + (clockNow.getNano() > 0 ? 1 : 0));
        Instant from = start == null ? Instant.MIN : start;
        Instant to = end == null ? Instant.MAX : end;
        List<TrailPublicKey> overlapping = new ArrayList<>();
        for (TrailPublicKey k : keys) {
            if (k.overlaps(from, to)) {
                overlapping.add(k);
            }
        }
        Instant currentEnd = end != null && end.isAfter(now) ? end : now; // whole seconds unless asked otherwise
        out.print(PublicKeyList.toJson(overlapping, currentEnd) + "\n");
        out.flush();
        return 0;
    }
}
