package dev.ctagent.delivery.logfile;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/** Test helper: reads trail files the strict way validate-logs does. */
public final class LogFiles {
    public static final ObjectMapper JSON = new ObjectMapper();

    private LogFiles() {}

    /**
     * The uncompressed content, asserting the file is exactly one gzip member (header, deflate stream, CRC
     * and size trailer) with nothing after it.
     */
    public static byte[] inflateSingleMember(Path file) throws IOException {
        byte[] gz = Files.readAllBytes(file);
        assertThat(gz.length).as("gzip size of %s", file).isGreaterThan(18);
        assertThat(gz[0] & 0xFF).isEqualTo(0x1F);
        assertThat(gz[1] & 0xFF).isEqualTo(0x8B);
        assertThat(gz[2]).as("deflate").isEqualTo((byte) 8);
        assertThat(gz[3]).as("no optional header fields").isEqualTo((byte) 0);
        Inflater inflater = new Inflater(true);
        inflater.setInput(gz, 10, gz.length - 10);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[8192];
        try {
            while (!inflater.finished()) {
                int n = inflater.inflate(buf);
                if (n == 0) {
                    assertThat(inflater.needsInput()).as("stream truncated").isFalse();
                    assertThat(inflater.needsDictionary()).isFalse();
                }
                out.write(buf, 0, n);
            }
        } catch (DataFormatException e) {
            throw new AssertionError("corrupt deflate data in " + file, e);
        }
        assertThat(inflater.getRemaining()).as("only the 8-byte trailer may follow the deflate stream").isEqualTo(8);
        inflater.end();
        byte[] content = out.toByteArray();
        ByteBuffer trailer = ByteBuffer.wrap(gz, gz.length - 8, 8).order(ByteOrder.LITTLE_ENDIAN);
        CRC32 crc = new CRC32();
        crc.update(content);
        assertThat(trailer.getInt() & 0xFFFFFFFFL).as("CRC32").isEqualTo(crc.getValue());
        assertThat(trailer.getInt()).as("ISIZE").isEqualTo(content.length);
        return content;
    }

    /** The records of a finished log file, checked to be {@code {"Records":[...]}} and nothing else. */
    public static List<JsonNode> records(Path file) throws IOException {
        byte[] content = inflateSingleMember(file);
        JsonNode root = JSON.readTree(content);
        assertThat(root.isObject()).isTrue();
        Iterator<String> names = root.fieldNames();
        assertThat(names.next()).isEqualTo("Records");
        assertThat(names.hasNext()).isFalse();
        assertThat(new String(content, 0, 12, StandardCharsets.UTF_8)).isEqualTo("{\"Records\":[");
        List<JsonNode> out = new ArrayList<>();
        root.get("Records").forEach(out::add);
        return out;
    }

    /** Every delivered log file under {@code bucketDir} (not digests, nor public keys), sorted by path. */
    public static List<Path> deliveredFiles(Path bucketDir) throws IOException {
        if (!Files.isDirectory(bucketDir)) {
            return new ArrayList<>();
        }
        try (Stream<Path> s = Files.walk(bucketDir)) {
            return s.filter(Files::isRegularFile).filter(p -> p.toString().contains("/CloudTrail/"))
                    .sorted().collect(Collectors.toList());
        }
    }

    /** All records of all delivered files under {@code bucketDir}. */
    public static List<JsonNode> deliveredRecords(Path bucketDir) throws IOException {
        List<JsonNode> out = new ArrayList<>();
        for (Path f : deliveredFiles(bucketDir)) {
            out.addAll(records(f));
        }
        return out;
    }

    public static List<Path> partialFiles(Path ctDir) {
        Path open = OpenLogFile.openDir(ctDir);
        if (!Files.isDirectory(open)) {
            return new ArrayList<>();
        }
        try (Stream<Path> s = Files.list(open)) {
            return s.collect(Collectors.toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Field names of a record, in order. */
    public static List<String> fieldNames(JsonNode record) {
        List<String> out = new ArrayList<>();
        record.fieldNames().forEachRemaining(out::add);
        return out;
    }

    public static String sha256Hex(byte[] bytes) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(bytes);
            StringBuilder sb = new StringBuilder();
            for (byte b : d) {
                sb.append(String.format("%02x", b));
            }
            return sb.toString();
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    /** A small valid record with a given eventID. */
    public static String record(String eventId, String eventTime) {
        return "{\"eventVersion\":\"1.11\",\"eventTime\":\"" + eventTime + "\",\"eventSource\":\"demo.example.com\","
                + "\"eventName\":\"GetThing\",\"eventCategory\":\"Management\",\"eventID\":\"" + eventId
                + "\",\"readOnly\":true,\"requestParameters\":{\"n\":1.10,\"s\":\"caf\\u00e9\"}}";
    }

    public static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
