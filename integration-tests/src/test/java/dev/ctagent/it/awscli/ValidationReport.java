package dev.ctagent.it.awscli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a {@code validate-logs} run printed, in the AWS CLI's layout (cloudtrail-formats.md §2.8), which
 * {@code ct-agent.jar validate-logs} copies: one tab-separated line per object
 * ({@code Digest file\ts3://b/k\tvalid}, {@code Log file\ts3://b/k\tINVALID: not found}) and a summary
 * ({@code 3/3 digest files valid}, {@code 11/12 log files valid, 1/12 log files INVALID}).
 */
public final class ValidationReport {
    public static final String DIGEST = "Digest file";
    public static final String LOG = "Log file";
    private static final Pattern LINE = Pattern.compile("^((?:\\(backfill\\) )?(?:Digest|Log) file)\\t(\\S+)\\t(.+)$");
    private static final Pattern COUNT = Pattern.compile("^(\\d+)/(\\d+) ((?:backfill )?(?:digest|log) files) (valid|INVALID)$");

    /**
     * One object's verdict: kind ({@link #DIGEST}, {@link #LOG}), {@code s3://bucket/key}, and {@code valid},
     * {@code INVALID: ...}, or (ours only) {@code not yet covered by a digest}.
     */
    public record Entry(String kind, String object, String verdict) {
        public boolean valid() {
            return verdict.equals("valid");
        }

        public boolean invalid() {
            return verdict.startsWith("INVALID");
        }

        /** The key part of {@code s3://bucket/key}. */
        public String key() {
            return object.substring(object.indexOf('/', "s3://".length()) + 1);
        }
    }

    private final List<Entry> entries = new ArrayList<>();
    private final Map<String, int[]> counts = new LinkedHashMap<>();
    private final String text;

    private ValidationReport(String text) {
        this.text = text;
        for (String line : text.split("\n")) {
            Matcher m = LINE.matcher(line.stripTrailing());
            if (m.matches()) {
                entries.add(new Entry(m.group(1), m.group(2), m.group(3)));
                continue;
            }
            for (String part : line.strip().split(", ")) { // "2/3 digest files valid, 1/3 digest files INVALID"
                Matcher c = COUNT.matcher(part);
                if (c.matches()) {
                    counts.put(c.group(3) + " " + c.group(4), new int[] {Integer.parseInt(c.group(1)),
                            Integer.parseInt(c.group(2))});
                }
            }
        }
    }

    /** Reads both streams of a run (valid lines go to stdout, INVALID ones to stderr). */
    public static ValidationReport parse(String stdout, String stderr) {
        return new ValidationReport(stdout + "\n" + stderr);
    }

    public List<Entry> entries() {
        return List.copyOf(entries);
    }

    public List<Entry> entries(String kind) {
        return entries.stream().filter(e -> e.kind().equals(kind)).toList();
    }

    /** The entries reported {@code INVALID: ...}. */
    public List<Entry> invalid() {
        return entries.stream().filter(Entry::invalid).toList();
    }

    /** The entries reported anything but {@code valid}. */
    public List<Entry> notValid() {
        return entries.stream().filter(e -> !e.valid()).toList();
    }

    /** The verdict printed for a key (first line naming it), or null if none was printed. */
    public String verdict(String key) {
        return entries.stream().filter(e -> e.key().equals(key)).map(Entry::verdict).findFirst().orElse(null);
    }

    /**
     * A summary count, e.g. {@code count("digest files", "valid")} → {@code [3, 3]} for
     * {@code 3/3 digest files valid}; null when the summary has no such line.
     */
    public int[] count(String what, String verdict) {
        return counts.get(what + " " + verdict);
    }

    /** Both streams as read, for assertion messages. */
    public String text() {
        return text;
    }

    @Override
    public String toString() {
        return text;
    }
}
