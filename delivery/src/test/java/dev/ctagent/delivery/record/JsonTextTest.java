package dev.ctagent.delivery.record;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class JsonTextTest {
    @Test
    void cleanTextIsReturnedAsIs() {
        String s = "plain \u00e9 \uD83D\uDE00";
        assertThat(JsonText.clean(s)).isSameAs(s);
        assertThat(JsonText.capped(s, 1024)).isSameAs(s);
        assertThat(JsonText.clean(null)).isNull();
    }

    @Test
    void unpairedSurrogatesBecomeReplacementCharacters() {
        assertThat(JsonText.clean("a\uD800b\uDC00c\uDBFF")).isEqualTo("a\uFFFDb\uFFFDc\uFFFD");
        assertThat(JsonText.clean("\uDC00\uD800")).isEqualTo("\uFFFD\uFFFD");
        assertThat(JsonText.clean("\uD800\uD800\uDC00")).isEqualTo("\uFFFD\uD800\uDC00");
    }

    @Test
    void capsCountUtf8BytesAndNeverSplitACharacter() {
        assertThat(JsonText.capped("abcdef", 4)).isEqualTo("abcd");
        assertThat(JsonText.capped("a\u00e9\u00e9", 4)).isEqualTo("a\u00e9");
        assertThat(JsonText.capped("ab\u20ac", 4)).isEqualTo("ab");
        assertThat(JsonText.capped("a\uD83D\uDE00", 4)).isEqualTo("a");
        assertThat(JsonText.capped("a\uD83D\uDE00", 5)).isEqualTo("a\uD83D\uDE00");
        assertThat(JsonText.capped("a\uD800bcd", 4)).isEqualTo("a\uFFFD");
    }
}
