package dev.ctagent.delivery.record;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class EventIdsTest {
    @Test
    void producesDistinctVersion4UuidsInCanonicalForm() {
        EventIds ids = new EventIds();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 100_000; i++) {
            String text = new String(ids.next(), 0, EventIds.LENGTH);
            UUID uuid = UUID.fromString(text);
            assertThat(uuid.version()).isEqualTo(4);
            assertThat(uuid.variant()).isEqualTo(2);
            assertThat(uuid.toString()).isEqualTo(text);
            seen.add(text);
        }
        assertThat(seen).hasSize(100_000);
    }

    @Test
    void separatelySeededGeneratorsDiffer() {
        String a = new String(new EventIds().next());
        String b = new String(new EventIds().next());
        assertThat(a).isNotEqualTo(b);
    }

    @Test
    void theSeedDeterminesTheSequence() {
        assertThat(new String(new EventIds(7).next())).isEqualTo(new String(new EventIds(7).next()));
    }
}
