package dev.ctagent.agent.cli;

import dev.ctagent.agent.Version;
import java.io.PrintStream;
import java.util.Arrays;

/** {@code java -jar ct-agent.jar <command>}: the agent's command line. */
public final class Cli {
    private Cli() {}

    /** Runs one command; returns the process exit code. */
    public static int run(String[] args) {
        return run(args, System.out, System.err);
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        String command = args.length == 0 ? "--help" : args[0];
        switch (command) {
            case "--help":
            case "-h":
            case "help":
                out.print(usage());
                return 0;
            case "--version":
            case "version":
                out.println(Version.current());
                return 0;
            case ValidateLogsCommand.NAME:
                return ValidateLogsCommand.run(rest(args), out, err);
            case ListPublicKeysCommand.NAME:
                return ListPublicKeysCommand.run(rest(args), out, err);
            default:
                err.println("ct-agent: unknown command '" + command + "'");
                err.print(usage());
                return 2;
        }
    }

    private static String[] rest(String[] args) {
        return Arrays.copyOfRange(args, 1, args.length);
    }

    static String usage() {
        return "Usage: java -jar ct-agent.jar <command>\n"
                + "\n"
                + "As an agent:  java -javaagent:ct-agent.jar[=/path/ct.properties] -jar app.jar\n"
                + "\n"
                + "Commands:\n"
                + "  validate-logs     check a trail's log files against its signed digests (as\n"
                + "                    `aws cloudtrail validate-logs`); validate-logs --help for its options\n"
                + "  list-public-keys  print the trail's published public keys as CloudTrail's ListPublicKeys\n"
                + "                    answer (JSON)\n"
                + "  version           print the agent's version\n"
                + "  help              this text\n";
    }
}
