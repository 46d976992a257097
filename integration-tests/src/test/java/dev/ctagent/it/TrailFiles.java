package dev.ctagent.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/** Reads a trail folder the way a strict consumer would, failing on anything CloudTrail would not write. */
final class TrailFiles {
    /** The Processing Library's pattern for a log file key. */
    static final Pattern CPL_KEY = Pattern.compile(".+_CloudTrail_[\\w\\-]+_\\d{8}T\\d{4}Z_[\\w]+\\.json\\.gz");
    static final ObjectMapper STRICT = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY);

    record LogFile(Path path, String key, byte[] json, List<JsonNode> records) {}

    private TrailFiles() {}

    /** Every finished log file under {@code <dir>/<bucket>}, each checked and parsed. */
    static List<LogFile> read(Path dir, String bucket) throws IOException {
        Path root = dir.resolve(bucket);
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        List<Path> files;
        try (Stream<Path> s = Files.walk(root)) {
            files = s.filter(Files::isRegularFile).sorted().collect(Collectors.toList());
        }
        List<LogFile> out = new ArrayList<>();
        for (Path f : files) {
            String key = root.relativize(f).toString().replace('\\', '/');
            if (key.contains("/CloudTrail-Digest/") || key.contains("/CloudTrail-PublicKey/")) {
                continue; // digests, their signature sidecars, public keys: checked by validate-logs
            }
            assertThat(key).as("only finished log files under the bucket folder").endsWith(".json.gz");
            assertThat(CPL_KEY.matcher(key).matches()).as("CPL key pattern: " + key).isTrue();
            byte[] json = gunzipOneMember(Files.readAllBytes(f), key);
            JsonNode doc = STRICT.readTree(json);
            assertThat(doc.fieldNames().next()).as("Records first in " + key).isEqualTo("Records");
            List<JsonNode> records = new ArrayList<>();
            doc.get("Records").forEach(records::add);
            out.add(new LogFile(f, key, json, records));
        }
        return out;
    }

    static List<JsonNode> records(Path dir, String bucket) throws IOException {
        List<JsonNode> all = new ArrayList<>();
        for (LogFile f : read(dir, bucket)) {
            all.addAll(f.records());
        }
        return all;
    }

    /**
     * Fails if {@code secret} appears in any file under {@code dir} — log files, partial files, ledgers —
     * read raw and, for gzip files, also inflated.
     */
    static void assertNowhere(Path dir, String secret) throws IOException {
        byte[] needle = secret.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        List<Path> files;
        try (Stream<Path> s = Files.walk(dir)) {
            files = s.filter(Files::isRegularFile).collect(Collectors.toList());
        }
        assertThat(files).as("files under " + dir).isNotEmpty();
        for (Path f : files) {
            byte[] raw = Files.readAllBytes(f);
            assertThat(indexOf(raw, needle)).as(secret + " in " + f).isEqualTo(-1);
            if (raw.length > 2 && (raw[0] & 0xff) == 0x1f && (raw[1] & 0xff) == 0x8b) {
                try (java.util.zip.GZIPInputStream in = new java.util.zip.GZIPInputStream(
                        new java.io.ByteArrayInputStream(raw))) {
                    byte[] inflated = readLenient(in);
                    assertThat(indexOf(inflated, needle)).as(secret + " in inflated " + f).isEqualTo(-1);
                }
            }
        }
    }

    /** What a (possibly still open, unfinished) gzip stream yields before it ends or breaks off. */
    private static byte[] readLenient(java.io.InputStream in) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[65536];
        try {
            for (int n; (n = in.read(buf)) > 0; ) {
                out.write(buf, 0, n);
            }
        } catch (IOException truncated) {
            // a partial file ends mid-stream: what came before is what matters
        }
        return out.toByteArray();
    }

    private static int indexOf(byte[] hay, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= hay.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    /** Inflates a gzip file that must hold exactly one member and nothing after it. */
    static byte[] gunzipOneMember(byte[] gz, String name) {
        assertThat(gz.length).as(name).isGreaterThan(18);
        assertThat(gz[0] & 0xff).isEqualTo(0x1f);
        assertThat(gz[1] & 0xff).isEqualTo(0x8b);
        int flags = gz[3] & 0xff;
        int pos = 10;
        if ((flags & 4) != 0) {
            pos += 2 + ((gz[pos] & 0xff) | (gz[pos + 1] & 0xff) << 8);
        }
        if ((flags & 8) != 0) {
            while (gz[pos++] != 0) { /* file name */ }
        }
        if ((flags & 16) != 0) {
            while (gz[pos++] != 0) { /* comment */ }
        }
        if ((flags & 2) != 0) {
            pos += 2;
        }
        Inflater inflater = new Inflater(true);
        inflater.setInput(gz, pos, gz.length - pos);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[65536];
        try {
            while (!inflater.finished()) {
                int n = inflater.inflate(buf);
                if (n == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
                    throw new AssertionError(name + ": truncated gzip member");
                }
                out.write(buf, 0, n);
            }
        } catch (DataFormatException e) {
            throw new AssertionError(name + ": corrupt gzip: " + e, e);
        }
        int trailing = inflater.getRemaining();
        inflater.end();
        assertThat(trailing).as(name + ": bytes after the gzip trailer").isEqualTo(8);
        return out.toByteArray();
    }
}
