package dev.ctagent.delivery.record;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Map;

/**
 * Parses a record the way the strictest consumer would: valid UTF-8, one JSON value and nothing
 * after it, no repeated keys, and no unpaired surrogate in any string or name.
 */
final class StrictJson {
    private static final JsonMapper MAPPER = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private StrictJson() {
    }

    static JsonNode parse(byte[] bytes, int length) {
        try {
            StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes, 0, length));
        } catch (CharacterCodingException e) {
            throw new AssertionError("record is not valid UTF-8", e);
        }
        JsonNode node;
        try {
            node = MAPPER.readTree(MAPPER.getFactory().createParser(bytes, 0, length));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        assertNoUnpairedSurrogates(node);
        return node;
    }

    static JsonNode parse(SerializedRecord r) {
        return parse(r.bytes, r.length);
    }

    private static void assertNoUnpairedSurrogates(JsonNode node) {
        if (node.isTextual()) {
            assertPaired(node.textValue());
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            assertPaired(e.getKey());
            assertNoUnpairedSurrogates(e.getValue());
        }
        if (node.isArray()) {
            for (JsonNode element : node) {
                assertNoUnpairedSurrogates(element);
            }
        }
    }

    private static void assertPaired(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                i++;
            } else {
                assertThat(Character.isSurrogate(c)).as("unpaired surrogate at %d", i).isFalse();
            }
        }
    }
}
