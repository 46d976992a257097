package dev.ctagent.delivery.record;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ClientAddressesTest {
    private final ClientAddresses behindProxies =
            new ClientAddresses(TestConfigs.config("ct.trustedProxies", "10.0.0.0/8, 2001:db8::/32").trustedProxies());
    private final ClientAddresses direct = new ClientAddresses(TestConfigs.config().trustedProxies());

    @Test
    void forwardedForIsIgnoredWithoutTrustedProxies() {
        assertThat(direct.sourceOf("10.0.0.1", "198.51.100.7")).isEqualTo("10.0.0.1");
        assertThat(behindProxies.sourceOf("192.0.2.1", "198.51.100.7")).isEqualTo("192.0.2.1");
    }

    @Test
    void firstUntrustedAddressFromTheRightIsTheClient() {
        assertThat(behindProxies.sourceOf("10.0.0.1", "203.0.113.9, 198.51.100.7, 10.9.9.9"))
                .isEqualTo("198.51.100.7");
        assertThat(behindProxies.sourceOf("10.0.0.1", " 198.51.100.7 ")).isEqualTo("198.51.100.7");
        assertThat(behindProxies.sourceOf("10.0.0.1", "[2001:db8::5], 2001:db9::1")).isEqualTo("2001:db9::1");
    }

    @Test
    void allTrustedGivesTheLeftmost() {
        assertThat(behindProxies.sourceOf("10.0.0.1", "10.1.1.1, [2001:db8::7], 10.2.2.2")).isEqualTo("10.1.1.1");
    }

    @Test
    void garbageEndsTheWalkAtTheLastGoodAddress() {
        assertThat(behindProxies.sourceOf("10.0.0.1", "198.51.100.7, evil.example\", 10.2.2.2")).isEqualTo("10.2.2.2");
        assertThat(behindProxies.sourceOf("10.0.0.1", "<script>")).isEqualTo("10.0.0.1");
        assertThat(behindProxies.sourceOf("10.0.0.1", "1.2.3.4:5678")).isEqualTo("10.0.0.1");
        assertThat(behindProxies.sourceOf("10.0.0.1", ",, ,")).isEqualTo("10.0.0.1");
    }

    @Test
    void longChainsStopAfterTheHopLimit() {
        String chain = "198.51.100.7, " + "10.0.0.9, ".repeat(ClientAddresses.MAX_HOPS) + "10.0.0.8";
        assertThat(behindProxies.sourceOf("10.0.0.1", chain)).isEqualTo("10.0.0.9");
    }

    @Test
    void missingPeerAddressIsUnknown() {
        assertThat(direct.sourceOf(null, null)).isEqualTo("unknown");
    }
}
