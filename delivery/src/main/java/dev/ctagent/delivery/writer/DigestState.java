package dev.ctagent.delivery.writer;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * What survives a restart of a trail's digest chain, in {@code <ct.dir>/.ct-agent/digest-state-<trail>.json}:
 * how far into the delivered-log ledger delivered digests reach, and where the last one ended, so the next
 * chain's first digest starts there and lists what was delivered after it (e.g. just before a crash).
 * <pre>{"ledgerOffset":1234,"lastDigestEndTime":"2024-01-02T03:00:00Z"}</pre>
 * Replaced atomically; a missing or unreadable file means "nothing digested yet".
 */
final class DigestState {
    private static final JsonFactory JSON = new JsonFactory();

    final long ledgerOffset;
    /** Null before the first digest. */
    final Instant lastDigestEnd;

    DigestState(long ledgerOffset, Instant lastDigestEnd) {
        this.ledgerOffset = ledgerOffset;
        this.lastDigestEnd = lastDigestEnd;
    }

    static Path defaultFile(Path ctDir, String trailName) {
        return ctDir.resolve(".ct-agent").resolve("digest-state-" + trailName + ".json");
    }

    static DigestState read(Path file) {
        long offset = 0;
        Instant end = null;
        try (JsonParser p = JSON.createParser(Files.readAllBytes(file))) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return new DigestState(0, null);
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.getCurrentName();
                p.nextToken();
                if (field.equals("ledgerOffset")) {
                    offset = Math.max(0, p.getValueAsLong(0));
                } else if (field.equals("lastDigestEndTime") && p.currentToken() == JsonToken.VALUE_STRING) {
                    end = Instant.parse(p.getText());
                } else {
                    p.skipChildren();
                }
            }
        } catch (IOException | DateTimeParseException missingOrTorn) {
            return new DigestState(0, null);
        }
        return new DigestState(offset, end);
    }

    void write(Path file) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(128);
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.writeStartObject();
            g.writeNumberField("ledgerOffset", ledgerOffset);
            g.writeStringField("lastDigestEndTime", lastDigestEnd.toString());
            g.writeEndObject();
        }
        Files.createDirectories(file.getParent());
        Path tmp = file.resolveSibling("." + file.getFileName() + ".new");
        Files.write(tmp, out.toByteArray());
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }
}
