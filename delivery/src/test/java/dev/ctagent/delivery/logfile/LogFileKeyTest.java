package dev.ctagent.delivery.logfile;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.cloudtrail.processinglibrary.model.internal.SourceType;
import com.amazonaws.services.cloudtrail.processinglibrary.utils.SourceIdentifier;
import dev.ctagent.runtime.config.AgentConfig;
import dev.ctagent.runtime.config.ConfigSource;
import java.nio.file.Paths;
import java.time.Instant;
import java.util.Collections;
import java.util.HashSet;
import java.util.Properties;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class LogFileKeyTest {
    private static final Instant DELIVERED = Instant.parse("2024-03-05T07:08:59.999Z");

    @Test
    void layoutIsCloudTrailsWithDeliveryTimeFoldersAndStamp() {
        String key = new LogFileKey("my/prefix", "123456789012", "eu-west-1", new Random(1)).forDelivery(DELIVERED);

        assertThat(key).matches("my/prefix/AWSLogs/123456789012/CloudTrail/eu-west-1/2024/03/05/"
                + "123456789012_CloudTrail_eu-west-1_20240305T0708Z_[A-Za-z0-9]{16}\\.json\\.gz");
    }

    @Test
    void noPrefixStartsAtAwsLogs() {
        String key = new LogFileKey("", "123456789012", "us-east-1", new Random(1))
                .forDelivery(Instant.parse("2023-12-31T23:59:00Z"));

        assertThat(key).startsWith("AWSLogs/123456789012/CloudTrail/us-east-1/2023/12/31/"
                + "123456789012_CloudTrail_us-east-1_20231231T2359Z_");
    }

    @Test
    void keysMatchTheProcessingLibrarysLogFilePattern() {
        LogFileKey keys = new LogFileKey("p", "123456789012", "ap-southeast-2", new Random(7));
        for (int i = 0; i < 200; i++) {
            String key = keys.forDelivery(DELIVERED.plusSeconds(i * 3_600L));
            assertThat(LogFileKey.CPL_LOG_FILE.matcher(key).matches()).as(key).isTrue();
            assertThat(new SourceIdentifier().identify(key)).as(key).isEqualTo(SourceType.CloudTrailLog);
        }
    }

    @Test
    void uniquePartIsRandomAlphanumeric() {
        LogFileKey keys = new LogFileKey("", "123456789012", "us-east-1", new Random(42));
        Set<String> uniques = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            String key = keys.forDelivery(DELIVERED);
            String unique = key.substring(key.lastIndexOf('_') + 1, key.length() - ".json.gz".length());
            assertThat(unique).matches("[A-Za-z0-9]{16}");
            uniques.add(unique);
        }
        assertThat(uniques).hasSize(1000);
    }

    @Test
    void fromConfigUsesPrefixAccountAndRegion() throws Exception {
        Properties p = new Properties();
        p.setProperty("ct.prefix", "/audit/");
        p.setProperty("ct.account.id", "210987654321");
        p.setProperty("ct.region", "eu-central-1");
        p.setProperty("ct.dir", Paths.get("build-test").toString());
        AgentConfig config = AgentConfig.from(ConfigSource.of(p, new Properties(), Collections.emptyMap()),
                Collections.emptyMap());

        assertThat(LogFileKey.of(config).forDelivery(DELIVERED))
                .startsWith("audit/AWSLogs/210987654321/CloudTrail/eu-central-1/2024/03/05/210987654321_CloudTrail_eu-central-1_20240305T0708Z_");
    }
}
