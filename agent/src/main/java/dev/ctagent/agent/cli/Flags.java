package dev.ctagent.agent.cli;

import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/** {@code --name value}, {@code --name=value} and {@code --switch} options of one command. */
final class Flags {
    /** A command line that cannot be run; the message names the option. */
    static final class UsageError extends Exception {
        private static final long serialVersionUID = 1L;

        UsageError(String message) {
            super(message);
        }
    }

    private final Map<String, String> values = new HashMap<>();
    private final Set<String> switches = new HashSet<>();

    private Flags() {}

    static boolean wantsHelp(String[] args) {
        return Arrays.asList(args).contains("--help") || Arrays.asList(args).contains("-h");
    }

    static Flags parse(String[] args, Set<String> valued, Set<String> booleans) throws UsageError {
        Flags flags = new Flags();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (!arg.startsWith("--")) {
                throw new UsageError("unexpected argument '" + arg + "'");
            }
            int eq = arg.indexOf('=');
            String name = eq < 0 ? arg : arg.substring(0, eq);
            if (booleans.contains(name)) {
                if (eq >= 0) {
                    throw new UsageError("option " + name + " takes no value");
                }
                if (!flags.switches.add(name)) {
                    throw new UsageError("option " + name + " is given twice");
                }
            } else if (valued.contains(name)) {
                String value;
                if (eq >= 0) {
                    value = arg.substring(eq + 1);
                } else if (i + 1 < args.length && !args[i + 1].startsWith("--")) {
                    value = args[++i];
                } else {
                    throw new UsageError("option " + name + " needs a value");
                }
                if (value.isEmpty()) {
                    throw new UsageError("option " + name + " needs a value");
                }
                if (flags.values.put(name, value) != null) {
                    throw new UsageError("option " + name + " is given twice");
                }
            } else {
                throw new UsageError("unknown option '" + name + "'");
            }
        }
        return flags;
    }

    /** The value, or null when the option is absent. */
    String get(String name) {
        return values.get(name);
    }

    boolean has(String name) {
        return switches.contains(name) || values.containsKey(name);
    }

    static String prefix(String p) {
        String s = p == null ? "" : p;
        while (s.startsWith("/")) {
            s = s.substring(1);
        }
        while (s.endsWith("/")) {
            s = s.substring(0, s.length() - 1);
        }
        return s;
    }
}
