package dev.ctagent.agent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ctagent.delivery.digest.DigestedLogFile;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import dev.ctagent.delivery.validation.TrailFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ValidateLogsCommandTest {
    static final Instant NOV1 = Instant.parse("2026-11-01T00:00:00Z");
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-21T16:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path ctDir;

    private final ByteArrayOutputStream outBytes = new ByteArrayOutputStream();
    private final ByteArrayOutputStream errBytes = new ByteArrayOutputStream();

    private int run(String... args) {
        outBytes.reset();
        errBytes.reset();
        try (PrintStream out = new PrintStream(outBytes, true, StandardCharsets.UTF_8);
             PrintStream err = new PrintStream(errBytes, true, StandardCharsets.UTF_8)) {
            if (args[0].equals(ValidateLogsCommand.NAME)) {
                return ValidateLogsCommand.run(java.util.Arrays.copyOfRange(args, 1, args.length), out, err, CLOCK);
            }
            return ListPublicKeysCommand.run(java.util.Arrays.copyOfRange(args, 1, args.length), out, err, CLOCK);
        }
    }

    private String out() {
        return outBytes.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return errBytes.toString(StandardCharsets.UTF_8);
    }

    static Instant t(String hhmmss) {
        return Instant.parse("2026-11-21T" + hhmmss + "Z");
    }

    /** The agent's layout: {@code <ct.dir>/<ct.bucket>/AWSLogs/...}. */
    TrailFixture.Chain trail() throws Exception {
        TrailFixture fixture = new TrailFixture(ctDir, "local", "", "cli-trail", "us-east-1");
        Files.createDirectories(ctDir.resolve(".ct-agent"));
        fixture.publish(TrailFixture.ACCOUNT, TrailFixture.REGION, TrailFixture.keyA(), NOV1, null);
        TrailFixture.Chain chain = fixture.chain(TrailFixture.ACCOUNT, TrailFixture.REGION, TrailFixture.keyA());
        DigestedLogFile l1 = chain.log(t("10:10:00"));
        chain.digest(t("10:00:00"), t("11:00:00"), l1);
        DigestedLogFile l2 = chain.log(t("11:10:00"));
        chain.digest(t("11:00:00"), t("12:00:00"), l2);
        return chain;
    }

    @Test
    void validatesTheAgentsTrailDirectory() throws Exception {
        trail();

        int rc = run("validate-logs", "--trail-dir", ctDir.toString(), "--end-time", "2026-11-21T13:00:00");

        assertThat(err()).isEmpty();
        assertThat(out()).isEqualTo("Validating log files for trail "
                + "arn:aws:cloudtrail:us-east-1:123456789012:trail/cli-trail between 2026-11-21T10:00:00Z and "
                + "2026-11-21T13:00:00Z\n\n"
                + "Results requested for 2026-11-21T10:00:00Z to 2026-11-21T13:00:00Z\n"
                + "Results found for 2026-11-21T10:00:00Z to 2026-11-21T12:00:00Z:\n"
                + "\n2/2 digest files valid\n2/2 log files valid\n");
        assertThat(rc).isZero();
    }

    @Test
    void printsTheGivenArnAndEveryFileWhenVerbose() throws Exception {
        trail();
        String arn = "arn:aws:cloudtrail:us-east-1:123456789012:trail/cli-trail";

        int rc = run("validate-logs", "--trail-dir", ctDir.resolve("local").toString(), "--trail-arn", arn,
                "--start-time=2026-11-21", "--end-time", "2026-11-21T12:30Z", "--verbose");

        assertThat(out()).startsWith("Validating log files for trail " + arn
                + " between 2026-11-21T00:00:00Z and 2026-11-21T12:30:00Z\n\nDigest file\ts3://local/AWSLogs/")
                .contains("\tvalid\nLog file\ts3://local/AWSLogs/123456789012/CloudTrail/us-east-1/2026/11/21/");
        assertThat(rc).isZero();
    }

    @Test
    void anInvalidFileExitsWithOne() throws Exception {
        trail().log(t("10:20:00"));

        int rc = run("validate-logs", "--trail-dir", ctDir.toString(), "--trail-name", "cli-trail",
                "--end-time", "2026-11-21T13:00:00Z");

        assertThat(err()).matches("Log file\ts3://local/AWSLogs/\\S+_20261121T1020Z_\\S+\\.json\\.gz\t"
                + "INVALID: not listed in any digest\n\n");
        assertThat(out()).endsWith("\n2/2 digest files valid\n2/3 log files valid, 1/3 log files INVALID\n");
        assertThat(rc).isEqualTo(1);
    }

    @Test
    void pinnedKeysFromListPublicKeysAreTheOnlyOnesTrusted() throws Exception {
        trail();
        assertThat(run("list-public-keys", "--trail-dir", ctDir.toString())).isZero();
        Path published = ctDir.resolve("published.json");
        Files.writeString(published, out());
        Path other = ctDir.resolve("other.json");
        Files.writeString(other, dev.ctagent.delivery.validation.PublicKeyList.toJson(
                java.util.List.of(TrailFixture.publicKey(TrailFixture.keyB(), NOV1, null)), t("16:00:00")));

        assertThat(run("validate-logs", "--trail-dir", ctDir.toString(), "--public-keys", published.toString(),
                "--end-time", "2026-11-21T13:00:00Z")).isZero();
        assertThat(run("validate-logs", "--trail-dir", ctDir.toString(), "--public-keys", other.toString(),
                "--end-time", "2026-11-21T13:00:00Z")).isEqualTo(1);
        assertThat(err()).contains("\tINVALID: public key not found in region us-east-1 for fingerprint ");
        assertThat(out()).endsWith("No valid digests found in range\n"
                + "\n0/2 digest files valid, 2/2 digest files INVALID"
                + "\n0/2 log files valid, 2/2 log files INVALID\n");
    }

    @Test
    void noPublicKeysIsAFatalErrorOnStderr() throws Exception {
        new TrailFixture(ctDir, "b", "", "cli-trail", "us-east-1")
                .chain(TrailFixture.ACCOUNT, TrailFixture.REGION, TrailFixture.keyA())
                .digest(t("10:00:00"), t("11:00:00"));

        int rc = run("validate-logs", "--trail-dir", ctDir.toString(), "--start-time", "2026-11-21T10:00:00Z",
                "--end-time", "2026-11-21T13:00:00Z");

        assertThat(rc).isEqualTo(1);
        assertThat(out()).startsWith("Validating log files for trail ");
        assertThat(err()).isEqualTo("No public keys found between 2026-11-21T10:00:00Z and 2026-11-21T15:00:00Z\n");
    }

    @Test
    void helpPrintsTheUsage() {
        assertThat(run("validate-logs", "--help")).isZero();
        assertThat(out()).isEqualTo(ValidateLogsCommand.usage())
                .startsWith("Usage: java -jar ct-agent.jar validate-logs (--trail-dir DIR | --s3-bucket B");
        assertThat(run("list-public-keys", "-h")).isZero();
        assertThat(out()).isEqualTo(ListPublicKeysCommand.usage());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "--bogus|unknown option '--bogus'",
        "--trail-dir|option --trail-dir needs a value",
        "--trail-dir --verbose|option --trail-dir needs a value",
        "--verbose|give one of --trail-dir or --s3-bucket",
        "--trail-dir x --s3-bucket b|give one of --trail-dir or --s3-bucket",
        "--trail-dir x --trail-dir y|option --trail-dir is given twice",
        "--trail-dir x --trail-name a --trail-arn b|give --trail-name or --trail-arn, not both",
        "--trail-dir x extra|unexpected argument 'extra'",
        "--trail-dir x --verbose=yes|option --verbose takes no value",
    })
    void aBadCommandLineNamesTheOptionAndExitsWithTwo(String args, String message) {
        String[] parts = ("validate-logs " + args).split(" ");

        assertThat(run(parts)).isEqualTo(2);
        assertThat(out()).isEmpty();
        assertThat(err()).isEqualTo("ct-agent validate-logs: " + message + "\n" + ValidateLogsCommand.usage());
    }

    @Test
    void badValuesAreExplainedInOneLine() throws Exception {
        trail();
        String dir = ctDir.toString();

        assertThat(run("validate-logs", "--trail-dir", dir, "--start-time", "yesterday")).isEqualTo(2);
        assertThat(err()).isEqualTo("ct-agent validate-logs: --start-time: Unable to parse date value: yesterday\n");

        assertThat(run("validate-logs", "--trail-dir", dir, "--start-time", "2026-11-21T12:00:00Z",
                "--end-time", "2026-11-21T11:00:00Z")).isEqualTo(2);
        assertThat(err()).isEqualTo("ct-agent validate-logs: Invalid time range specified: start-time must occur "
                + "before end-time\n");

        assertThat(run("validate-logs", "--trail-dir", dir, "--trail-arn", "trail/x")).isEqualTo(2);
        assertThat(err()).isEqualTo("ct-agent validate-logs: Invalid trail ARN provided: trail/x\n");

        assertThat(run("validate-logs", "--trail-dir", ctDir.resolve("nope").toString())).isEqualTo(2);
        assertThat(err()).isEqualTo("ct-agent validate-logs: --trail-dir " + ctDir.resolve("nope")
                + ": no such directory\n");

        assertThat(run("validate-logs", "--trail-dir", dir, "--public-keys", ctDir.resolve("none.json").toString()))
                .isEqualTo(2);
        assertThat(err()).startsWith("ct-agent validate-logs: --public-keys " + ctDir.resolve("none.json") + ": ");

        assertThat(run("validate-logs", "--trail-dir", dir, "--trail-name", "cli-trail", "--s3-prefix", "nope"))
                .isEqualTo(2);
        assertThat(err()).startsWith("ct-agent validate-logs: --trail-dir " + dir + ": no nope/AWSLogs folder");
    }

    @Test
    void severalTrailsNeedAName() throws Exception {
        trail();
        TrailFixture trail = new TrailFixture(ctDir, "local", "", "cli-trail", "us-east-1");
        String other = "AWSLogs/123456789012/CloudTrail-Digest/us-east-1/2026/11/21/"
                + "123456789012_CloudTrail-Digest_us-east-1_second_us-east-1_20261121T110000Z.json.gz";
        trail.write(other, TrailFixture.gzip("{}".getBytes(StandardCharsets.UTF_8)));

        assertThat(run("validate-logs", "--trail-dir", ctDir.toString())).isEqualTo(2);
        assertThat(err()).isEqualTo("ct-agent validate-logs: digest files of several trails under s3://local/AWSLogs/: "
                + "cli-trail (home region us-east-1), second (home region us-east-1); choose one with --trail-name "
                + "or --trail-arn\n");
        assertThat(run("validate-logs", "--trail-dir", ctDir.toString(), "--trail-name", "cli-trail",
                "--end-time", "2026-11-21T13:00:00Z")).isZero();
    }
}
