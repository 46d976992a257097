package dev.ctagent.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

/** Finds the trail's gzip files and prints each log file's records as a table (digest files by name only). */
final class TrailPrinter {
    private static final String ROW = "  %-20s  %-18s  %-18s  %-15s  %-32s  %-22s  %s%n";
    /** Log files first, then the digest files that sign them (CloudTrail-Digest would sort first by name). */
    private static final Comparator<Path> LOGS_THEN_DIGESTS =
            Comparator.comparing((Path p) -> p.toString().contains("CloudTrail-Digest")).thenComparing(p -> p);

    private final ObjectMapper json = new ObjectMapper();
    private final PrintStream out;

    TrailPrinter(PrintStream out) {
        this.out = out;
    }

    /** Prints everything under {@code trail}; returns the number of records found. */
    int print(Path trail) throws IOException {
        int records = 0;
        for (Path file : gzipFiles(trail)) {
            out.println();
            out.println(file);
            JsonNode root = read(file);
            if (!root.has("Records")) {
                out.println("  (digest file: signed hashes of the log files above)");
                continue;
            }
            out.printf(ROW, "eventTime", "eventSource", "eventName", "sourceIPAddress", "userIdentity", "errorCode",
                    "readOnly");
            for (JsonNode record : root.get("Records")) {
                printRecord(record);
                records++;
            }
        }
        return records;
    }

    private void printRecord(JsonNode record) {
        JsonNode identity = record.path("userIdentity");
        String who = identity.path("type").asText("-") + "/" + identity.path("userName").asText(
                identity.path("principalId").asText(identity.path("accessKeyId").asText("-")));
        out.printf(ROW,
                record.path("eventTime").asText("-"),
                record.path("eventSource").asText("-"),
                record.path("eventName").asText("-"),
                record.path("sourceIPAddress").asText("-"),
                who,
                record.path("errorCode").asText("-"),
                record.path("readOnly").asText("-"));
    }

    private static List<Path> gzipFiles(Path trail) throws IOException {
        try (Stream<Path> paths = Files.walk(trail)) {
            return paths.filter(p -> p.getFileName().toString().endsWith(".json.gz")).sorted(LOGS_THEN_DIGESTS)
                    .collect(Collectors.toList());
        }
    }

    private JsonNode read(Path file) throws IOException {
        try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
            return json.readTree(in);
        }
    }
}
