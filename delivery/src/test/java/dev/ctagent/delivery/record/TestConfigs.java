package dev.ctagent.delivery.record;

import dev.ctagent.runtime.config.AgentConfig;
import dev.ctagent.runtime.config.ConfigException;
import dev.ctagent.runtime.config.ConfigSource;
import java.util.Collections;
import java.util.Properties;

/** AgentConfig instances for tests, from key/value pairs over the defaults. */
final class TestConfigs {
    private TestConfigs() {
    }

    static AgentConfig config(String... keyValues) {
        Properties p = new Properties();
        for (int i = 0; i < keyValues.length; i += 2) {
            p.setProperty(keyValues[i], keyValues[i + 1]);
        }
        p.putIfAbsent("ct.account.id", "111122223333");
        p.putIfAbsent("ct.region", "eu-west-1");
        try {
            return AgentConfig.from(ConfigSource.of(p, new Properties(), Collections.emptyMap()),
                    Collections.emptyMap());
        } catch (ConfigException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
