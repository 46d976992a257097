package dev.ctagent.delivery.record;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;

class EventTimesTest {
    private final EventTimes times = new EventTimes();

    @Test
    void wholeSecondsInUtc() {
        assertThat(times.formatToString(Calls.TIME)).isEqualTo("2026-01-02T03:04:05Z");
        assertThat(times.formatToString(0)).isEqualTo("1970-01-01T00:00:00Z");
        assertThat(times.formatToString(-1)).isEqualTo("1969-12-31T23:59:59Z");
    }

    @Test
    void agreesWithJavaTimeAcrossSecondsDaysAndLeapYears() {
        long start = Instant.parse("2023-12-31T23:59:58Z").toEpochMilli();
        for (long ms = start; ms < start + 3 * 86_400_000L * 140; ms += 86_399_999L / 3) {
            String expected = Instant.ofEpochMilli(ms).truncatedTo(ChronoUnit.SECONDS).toString();
            assertThat(times.formatToString(ms)).as("%d", ms).isEqualTo(expected);
        }
    }

    @Test
    void sameSecondReusesTheTextAndTheNextSecondReplacesIt() {
        char[] a = times.format(Calls.TIME);
        assertThat(times.format(Calls.TIME + 300)).isSameAs(a);
        assertThat(new String(times.format(Calls.TIME + 1000))).isEqualTo("2026-01-02T03:04:06Z");
    }

    @Test
    void outOfRangeClocksStayFourDigitYears() {
        assertThat(times.formatToString(Long.MAX_VALUE)).isEqualTo("9999-12-31T23:59:59Z");
        assertThat(times.formatToString(Long.MIN_VALUE)).isEqualTo("0000-01-01T00:00:00Z");
    }
}
