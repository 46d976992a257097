package dev.ctagent.delivery.record;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ctagent.runtime.config.AgentConfig;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class RedactionTest {
    private final Redaction defaults = new Redaction(AgentConfig.DEFAULT_REDACT_KEYS);

    @Test
    void namesContainingAKeyInAnyCaseAreHidden() {
        for (String name : new String[] {"password", "newPassword", "DB_PASSWD", "clientSecret", "x-auth-token",
            "apiKey", "API_KEY", "Authorization", "set-cookie", "AWSCredentials", "privateKeyPem", "JSESSIONID"}) {
            assertThat(defaults.hides(name)).as(name).isTrue();
        }
    }

    @Test
    void otherNamesAreKept() {
        for (String name : new String[] {"", "name", "pass", "tok", "api", "key", "session", "s\u00e9cret", "pageToke"}) {
            assertThat(defaults.hides(name)).as(name).isFalse();
        }
    }

    @Test
    void nonAsciiKeysMatchCaseInsensitively() {
        Redaction r = new Redaction(Arrays.asList("\u00e9tat", "", "pin"));
        assertThat(r.hides("\u00c9TAT_civil")).isTrue();
        assertThat(r.hides("spinner")).isTrue();
        assertThat(r.hides("etat")).isFalse();
    }
}
