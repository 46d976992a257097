package dev.ctagent.bridge;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class BodyTapTest {
    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    private static String kept(BodyTap tap) {
        return new String(Arrays.copyOf(tap.buffer(), tap.length()), StandardCharsets.US_ASCII);
    }

    @Test
    void keepsWhatReadsReturnedInOrder() {
        BodyTap tap = new BodyTap();
        tap.start(100);
        assertThat(tap.buffer()).as("allocated lazily").isNull();
        assertThat(tap.hasBytes()).isFalse();
        byte[] b = ascii("xx{\"a\":1}yy");
        tap.append(b, 2, 5);
        tap.append('1');
        tap.append(b, 8, 1);
        assertThat(kept(tap)).isEqualTo("{\"a\":1}");
        assertThat(tap.truncated()).isFalse();
        assertThat(tap.hasBytes()).isTrue();
    }

    @Test
    void cutsAtTheMaximumAndSaysSo() {
        BodyTap tap = new BodyTap();
        tap.start(5);
        tap.append(ascii("abc"), 0, 3);
        tap.append(ascii("defg"), 0, 4);
        tap.append('h');
        assertThat(kept(tap)).isEqualTo("abcde");
        assertThat(tap.buffer()).hasSize(5);
        assertThat(tap.truncated()).isTrue();

        tap.start(5);
        tap.append(ascii("abcde"), 0, 5);
        assertThat(tap.truncated()).as("exactly the maximum is not truncated").isFalse();
        tap.append('f');
        assertThat(tap.truncated()).isTrue();
        assertThat(kept(tap)).isEqualTo("abcde");
    }

    @Test
    void growsUpToTheMaximum() {
        BodyTap tap = new BodyTap();
        tap.start(100_000);
        byte[] chunk = new byte[1000];
        for (int i = 0; i < 150; i++) {
            Arrays.fill(chunk, (byte) i);
            tap.append(chunk, 0, chunk.length);
        }
        assertThat(tap.length()).isEqualTo(100_000);
        assertThat(tap.buffer().length).isEqualTo(100_000);
        assertThat(tap.truncated()).isTrue();
        assertThat(tap.buffer()[99_999]).isEqualTo((byte) 99);
    }

    @Test
    void ignoresEndOfStreamEmptyAndImpossibleReads() {
        BodyTap tap = new BodyTap();
        tap.start(10);
        tap.append(-1);
        tap.append(ascii("abc"), 0, -1);
        tap.append(ascii("abc"), 0, 0);
        tap.append(null, 0, 3);
        tap.append(ascii("abc"), 2, 5);
        tap.append(ascii("abc"), -1, 2);
        assertThat(tap.hasBytes()).isFalse();
    }

    @Test
    void keepsNothingWhenNotStartedOrStopped() {
        BodyTap tap = new BodyTap();
        tap.append(ascii("abc"), 0, 3);
        assertThat(tap.hasBytes()).isFalse();
        tap.start(10);
        tap.append(ascii("abc"), 0, 3);
        tap.stop();
        tap.append(ascii("def"), 0, 3);
        assertThat(kept(tap)).as("bytes stay until cleared").isEqualTo("abc");
        assertThat(tap.active()).isFalse();
    }

    @Test
    void clearKeepsASmallBufferAndDropsALargeOne() {
        BodyTap tap = new BodyTap();
        tap.start(1024 * 1024);
        tap.append(ascii("abc"), 0, 3);
        byte[] small = tap.buffer();
        tap.clear();
        assertThat(tap.length()).isZero();
        assertThat(tap.buffer()).isSameAs(small);
        tap.start(1024 * 1024);
        tap.append(new byte[BodyTap.RETAINED_CAPACITY + 1], 0, BodyTap.RETAINED_CAPACITY + 1);
        tap.clear();
        assertThat(tap.buffer()).isNull();
        assertThat(tap.truncated()).isFalse();
    }

    @Test
    void theFirstStreamReadIsTheSource() {
        BodyTap tap = new BodyTap();
        Object original = new Object();
        Object copy = new Object();
        tap.start(10);
        assertThat(tap.accepts(original)).isTrue();
        assertThat(tap.accepts(copy)).isFalse();
        assertThat(tap.accepts(original)).isTrue();
        tap.start(10);
        assertThat(tap.accepts(copy)).as("a new request has a new source").isTrue();
    }
}
