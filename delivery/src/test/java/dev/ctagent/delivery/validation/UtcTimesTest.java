package dev.ctagent.delivery.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class UtcTimesTest {
    @ParameterizedTest
    @CsvSource({
        "2026-11-21T14:00:00Z, 2026-11-21T14:00:00Z",
        "2026-11-21T14:00:00, 2026-11-21T14:00:00Z",
        "2026-11-21T14:00Z, 2026-11-21T14:00:00Z",
        "2026-11-21, 2026-11-21T00:00:00Z",
        "2026-11-21 14:05:06, 2026-11-21T14:05:06Z",
        "20261121T140506Z, 2026-11-21T14:05:06Z",
        "2026-11-21T14:05:06.25Z, 2026-11-21T14:05:06.250Z",
        "2026-11-21T14:05:06+02:00, 2026-11-21T14:05:06Z",
        "2026-11-21T14:05:06-0530, 2026-11-21T14:05:06Z",
    })
    void readsIsoTimesLabelledUtc(String text, String expected) {
        assertThat(UtcTimes.parse(text)).isEqualTo(Instant.parse(expected));
    }

    @ParameterizedTest
    @ValueSource(strings = {"yesterday", "2026-13-01", "2026-11-21T25:00", "", "2026-11-21T14:00:00Q"})
    void rejectsOtherTextWithTheCliMessage(String text) {
        assertThatThrownBy(() -> UtcTimes.parse(text)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Unable to parse date value: " + text);
    }

    @ParameterizedTest
    @CsvSource({"2026-11-21T14:00:00.999Z, 2026-11-21T14:00:00Z", "2026-01-02T03:04:05Z, 2026-01-02T03:04:05Z"})
    void printsWholeSeconds(String time, String printed) {
        assertThat(UtcTimes.display(Instant.parse(time))).isEqualTo(printed);
    }
}
