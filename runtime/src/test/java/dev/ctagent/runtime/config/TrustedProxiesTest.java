package dev.ctagent.runtime.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TrustedProxiesTest {
    private static TrustedProxies parse(String value) throws ConfigException {
        return TrustedProxies.parse("ct.trustedProxies", value);
    }

    @Test
    void noneAndEmptyValueContainNothing() throws ConfigException {
        assertThat(TrustedProxies.none().isEmpty()).isTrue();
        assertThat(TrustedProxies.none().contains("127.0.0.1")).isFalse();
        TrustedProxies empty = parse(" , ,");
        assertThat(empty.isEmpty()).isTrue();
        assertThat(empty.contains("10.0.0.1")).isFalse();
    }

    @Test
    void ipv4LiteralMatchesOnlyItself() throws ConfigException {
        TrustedProxies t = parse("192.168.1.10");
        assertThat(t.isEmpty()).isFalse();
        assertThat(t.contains("192.168.1.10")).isTrue();
        assertThat(t.contains(" 192.168.1.10 ")).isTrue();
        assertThat(t.contains("192.168.1.11")).isFalse();
        assertThat(t.contains("192.168.1.9")).isFalse();
    }

    @Test
    void ipv4CidrBlockEdges() throws ConfigException {
        TrustedProxies t = parse("10.1.2.0/23");
        assertThat(t.contains("10.1.2.0")).isTrue();
        assertThat(t.contains("10.1.3.255")).isTrue();
        assertThat(t.contains("10.1.2.128")).isTrue();
        assertThat(t.contains("10.1.1.255")).isFalse();
        assertThat(t.contains("10.1.4.0")).isFalse();
    }

    @Test
    void ipv4CidrWithHostBitsSetUsesTheNetwork() throws ConfigException {
        TrustedProxies t = parse("172.16.5.77/12");
        assertThat(t.contains("172.16.0.0")).isTrue();
        assertThat(t.contains("172.31.255.255")).isTrue();
        assertThat(t.contains("172.15.255.255")).isFalse();
        assertThat(t.contains("172.32.0.0")).isFalse();
    }

    @Test
    void zeroPrefixMatchesEveryAddressOfTheFamilyAndThirtyTwoOnlyOne() throws ConfigException {
        TrustedProxies all = parse("0.0.0.0/0");
        assertThat(all.contains("0.0.0.0")).isTrue();
        assertThat(all.contains("255.255.255.255")).isTrue();
        TrustedProxies one = parse("8.8.8.8/32");
        assertThat(one.contains("8.8.8.8")).isTrue();
        assertThat(one.contains("8.8.8.9")).isFalse();
    }

    @Test
    void ipv6LiteralAndBracketedForms() throws ConfigException {
        TrustedProxies t = parse("2001:db8::1");
        assertThat(t.contains("2001:db8::1")).isTrue();
        assertThat(t.contains("2001:0db8:0000:0000:0000:0000:0000:0001")).isTrue();
        assertThat(t.contains("[2001:db8::1]")).isTrue();
        assertThat(t.contains("2001:DB8::1")).isTrue();
        assertThat(t.contains("2001:db8::2")).isFalse();
        assertThat(parse("[::1]").contains("::1")).isTrue();
    }

    @Test
    void ipv6CidrBlockEdges() throws ConfigException {
        TrustedProxies t = parse("2001:db8:abcd:12::/63");
        assertThat(t.contains("2001:db8:abcd:12::")).isTrue();
        assertThat(t.contains("2001:db8:abcd:13:ffff:ffff:ffff:ffff")).isTrue();
        assertThat(t.contains("2001:db8:abcd:11:ffff:ffff:ffff:ffff")).isFalse();
        assertThat(t.contains("2001:db8:abcd:14::")).isFalse();
        TrustedProxies odd = parse("fd00::/7");
        assertThat(odd.contains("fc00::")).isTrue();
        assertThat(odd.contains("fdff:ffff:ffff:ffff:ffff:ffff:ffff:ffff")).isTrue();
        assertThat(odd.contains("fe00::")).isFalse();
        assertThat(odd.contains("fbff:ffff:ffff:ffff:ffff:ffff:ffff:ffff")).isFalse();
    }

    @Test
    void ipv4AndIpv6NeverMatchEachOther() throws ConfigException {
        TrustedProxies v4all = parse("0.0.0.0/0");
        assertThat(v4all.contains("::")).isFalse();
        assertThat(v4all.contains("::1")).isFalse();
        assertThat(v4all.contains("2001:db8::1")).isFalse();
        TrustedProxies v6all = parse("::/0");
        assertThat(v6all.contains("::1")).isTrue();
        assertThat(v6all.contains("0.0.0.0")).isFalse();
        assertThat(v6all.contains("10.0.0.1")).isFalse();
    }

    @Test
    void severalEntriesAnyMatches() throws ConfigException {
        TrustedProxies t = parse("10.0.0.0/8, 192.168.0.1 ,fe80::/10");
        assertThat(t.contains("10.200.0.1")).isTrue();
        assertThat(t.contains("192.168.0.1")).isTrue();
        assertThat(t.contains("fe80::abcd")).isTrue();
        assertThat(t.contains("192.168.0.2")).isFalse();
        assertThat(t.contains("fec0::1")).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "localhost", "example.com", "10.0.0.1.example.com", "not-an-ip", "1.2.3",
            "1.2.3.4.5", "1.2.3.4:80", "fe80::1%eth0", "::g", "1::2::3", "12345::", "[::1", "0x7f.0.0.1"})
    void containsIsFalseForAnythingButALiteral(String ip) throws ConfigException {
        assertThat(parse("0.0.0.0/0, ::/0").contains(ip)).isFalse();
    }

    @Test
    void containsNullIsFalse() throws ConfigException {
        assertThat(parse("0.0.0.0/0").contains(null)).isFalse();
    }

    @Test
    void literalParsesIpv4AndIpv6() {
        assertThat(TrustedProxies.literal("10.0.0.255")).containsExactly(10, 0, 0, (byte) 255);
        assertThat(TrustedProxies.literal("::1")).hasSize(16).endsWith((byte) 1);
        assertThat(TrustedProxies.literal("[::1]")).isEqualTo(TrustedProxies.literal("::1"));
        assertThat(TrustedProxies.literal("2001:db8::ff")).hasSize(16).startsWith((byte) 0x20, (byte) 0x01);
    }

    @ParameterizedTest
    @ValueSource(strings = {"localhost", "example.com", "www.example.com", "ip6-localhost", "LOCALHOST",
            "a.b.c.d", "abc.def", "10.0.0.1.example.com", "1.2.3", "1.2.3.4.5", "1.2.3.4/8", "1.2.3.4:80",
            "fe80::1%eth0", "::g", "1::2::3", "garbage!", "12:34:56:78:9a:bc:de:f0:12", "[::1", "::1]",
            "0x7f.0.0.1", "1,2,3,4", " 1.2.3.4"})
    void literalRejectsHostNamesAndGarbage(String s) {
        assertThat(TrustedProxies.literal(s)).isNull();
    }

    @Test
    void literalRejectsNullAndEmptyInput() {
        assertThat(TrustedProxies.literal(null)).isNull();
        assertThat(TrustedProxies.literal("")).isNull();
    }

    @Test
    void parseErrorsNameTheKeyAndTheWholeValue() {
        assertThatThrownBy(() -> parse("10.0.0.1, 10.0.0.0/33"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("ct.trustedProxies='10.0.0.1, 10.0.0.0/33'")
                .hasMessageContaining("10.0.0.0/33");
        assertThatThrownBy(() -> parse("example.com"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("'example.com'");
        assertThatThrownBy(() -> parse("10.0.0.0/"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("CIDR");
        assertThatThrownBy(() -> parse("::1/129"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("exceeds 128");
    }

    @Test
    void aNegativeCidrPrefixIsRejected() {
        assertThatThrownBy(() -> TrustedProxies.parse("ct.trustedProxies", "10.0.0.0/-8"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("ct.trustedProxies");
    }

    @Test
    void theLongestBracketedIpv6LiteralIsAccepted() {
        assertThat(TrustedProxies.literal("[0000:0000:0000:0000:0000:0000:255.255.255.255]")).isNotNull();
    }

    @Test
    void outOfRangeOrMalformedDottedQuadsAreNotLiterals() {
        for (String s : new String[] {"999.1.1.1", "256.0.0.1", ".1.2.3", "...", "1.2.3.4.", "1.2.3", "1..2.3", "0001.2.3.4"}) {
            assertThat(TrustedProxies.literal(s)).as(s).isNull();
        }
        assertThat(TrustedProxies.literal("255.0.10.1")).containsExactly(255, 0, 10, 1);
    }
}
