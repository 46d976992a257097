package dev.ctagent.agent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class CliTest {
    private final ByteArrayOutputStream outBytes = new ByteArrayOutputStream();
    private final ByteArrayOutputStream errBytes = new ByteArrayOutputStream();

    private int run(String... args) {
        outBytes.reset();
        errBytes.reset();
        try (PrintStream out = new PrintStream(outBytes, true, StandardCharsets.UTF_8);
             PrintStream err = new PrintStream(errBytes, true, StandardCharsets.UTF_8)) {
            return Cli.run(args, out, err);
        }
    }

    private String out() {
        return outBytes.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return errBytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void noArgumentsPrintsUsage() {
        assertThat(run()).isZero();
        assertThat(out()).isEqualTo(Cli.usage()).startsWith("Usage: java -jar ct-agent.jar <command>");
        assertThat(err()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"help", "--help", "-h"})
    void helpPrintsUsageOnStandardOutput(String command) {
        assertThat(run(command)).isZero();
        assertThat(out()).isEqualTo(Cli.usage());
        assertThat(err()).isEmpty();
    }

    @Test
    void usageNamesEveryCommand() {
        assertThat(Cli.usage()).contains("version").contains("help").contains("-javaagent:ct-agent.jar")
                .contains("validate-logs").contains("list-public-keys");
    }

    @Test
    void dispatchesToTheCommands() {
        assertThat(run("validate-logs", "--help")).isZero();
        assertThat(out()).isEqualTo(ValidateLogsCommand.usage());
        assertThat(run("list-public-keys", "--bogus")).isEqualTo(2);
        assertThat(err()).startsWith("ct-agent list-public-keys: unknown option '--bogus'\n");
    }

    @ParameterizedTest
    @ValueSource(strings = {"version", "--version"})
    void versionPrintsOneLineStartingWithCtAgent(String command) {
        assertThat(run(command)).isZero();
        String[] lines = out().split("\\R");
        assertThat(lines).hasSize(1);
        assertThat(lines[0]).startsWith("ct-agent ").hasSizeGreaterThan("ct-agent ".length());
        assertThat(err()).isEmpty();
    }

    @Test
    void versionIgnoresFurtherArguments() {
        assertThat(run("version", "extra")).isZero();
        assertThat(out()).startsWith("ct-agent");
    }

    @ParameterizedTest
    @ValueSource(strings = {"frobnicate", "VERSION", "", "-x"})
    void unknownCommandIsAnErrorNamingIt(String command) {
        assertThat(run(command, "more")).isEqualTo(2);
        assertThat(out()).isEmpty();
        assertThat(err()).contains("unknown command '" + command + "'").contains(Cli.usage());
    }
}
