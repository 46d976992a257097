package dev.ctagent.it;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The counts the agent states on stderr when it stops: {@code [ct-agent] stopped: captured=N written=N ...}. */
record AgentSummary(long captured, long written, long dropped, long skipped) {
    private static final Pattern LINE = Pattern.compile(
            "\\[ct-agent] stopped: captured=(\\d+) written=(\\d+) dropped=(\\d+) skipped=(\\d+)");

    static AgentSummary from(List<String> stderr) {
        for (String line : stderr) {
            Matcher m = LINE.matcher(line);
            if (m.find()) {
                return new AgentSummary(Long.parseLong(m.group(1)), Long.parseLong(m.group(2)),
                        Long.parseLong(m.group(3)), Long.parseLong(m.group(4)));
            }
        }
        throw new AssertionError("no stop summary on stderr: " + stderr);
    }
}
