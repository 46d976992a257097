package dev.ctagent.delivery.writer;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ctagent.delivery.logfile.LogFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** Test helpers reading the digests a trail delivered into its bucket folder. */
final class Digests {
    private Digests() {}

    /** Every digest file, oldest first (their names end in the end time). */
    static List<Path> files(Path bucketDir) throws IOException {
        if (!Files.isDirectory(bucketDir)) {
            return new ArrayList<>();
        }
        try (Stream<Path> s = Files.walk(bucketDir)) {
            return s.filter(p -> p.toString().contains("/CloudTrail-Digest/") && p.toString().endsWith(".json.gz"))
                    .sorted((a, b) -> a.getFileName().toString().compareTo(b.getFileName().toString()))
                    .collect(Collectors.toList());
        }
    }

    static List<JsonNode> documents(Path bucketDir) throws IOException {
        List<JsonNode> docs = new ArrayList<>();
        for (Path f : files(bucketDir)) {
            docs.add(LogFiles.JSON.readTree(LogFiles.inflateSingleMember(f)));
        }
        return docs;
    }

    /** The {@code s3Object} of every {@code logFiles[]} entry of every digest. */
    static List<String> listedLogFiles(Path bucketDir) throws IOException {
        List<String> keys = new ArrayList<>();
        for (JsonNode d : documents(bucketDir)) {
            for (JsonNode f : d.get("logFiles")) {
                keys.add(f.get("s3Object").asText());
            }
        }
        return keys;
    }

    /** The object keys of files under a bucket folder. */
    static List<String> keys(Path bucketDir, List<Path> files) {
        return files.stream().map(f -> bucketDir.relativize(f).toString()).collect(Collectors.toList());
    }
}
