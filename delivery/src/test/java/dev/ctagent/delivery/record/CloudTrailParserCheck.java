package dev.ctagent.delivery.record;

import com.amazonaws.services.cloudtrail.processinglibrary.model.CloudTrailEvent;
import com.amazonaws.services.cloudtrail.processinglibrary.model.CloudTrailLog;
import com.amazonaws.services.cloudtrail.processinglibrary.serializer.DefaultEventSerializer;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads an uncompressed log file body with the CloudTrail Processing Library's own parser (CPL
 * 1.1.3, {@link DefaultEventSerializer} over a Jackson parser from a default ObjectMapper, as the
 * library's EventReader does), so tests anywhere in the reactor can prove that stock tooling reads
 * what the agent writes. Any rejection surfaces as an exception.
 */
public final class CloudTrailParserCheck {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private CloudTrailParserCheck() {
    }

    /**
     * Every event of {@code uncompressedLogJson} ({@code {"Records":[...]}}) as the CPL reads it.
     * Also fails when anything but the closing {@code ]}} follows the records, which the CPL itself
     * does not check.
     */
    public static List<CloudTrailEvent> parseAll(byte[] uncompressedLogJson) throws IOException {
        List<CloudTrailEvent> events = new ArrayList<>();
        try (JsonParser parser = MAPPER.getFactory().createParser(new ByteArrayInputStream(uncompressedLogJson))) {
            DefaultEventSerializer serializer =
                    new DefaultEventSerializer(new CloudTrailLog("test-bucket", "test-key"), parser);
            while (serializer.hasNextEvent()) {
                events.add(serializer.getNextEvent());
            }
            if (parser.currentToken() != JsonToken.END_ARRAY || parser.nextToken() != JsonToken.END_OBJECT
                    || parser.nextToken() != null) {
                throw new IOException("log file does not end with ]} after its records");
            }
        }
        return events;
    }

    /** The log file body CloudTrail would write for these records, in order. */
    public static byte[] logFileOf(List<byte[]> records) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            out.write("{\"Records\":[".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            for (int i = 0; i < records.size(); i++) {
                if (i > 0) {
                    out.write(',');
                }
                out.write(records.get(i));
            }
            out.write("]}".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
