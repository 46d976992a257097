package dev.ctagent.runtime.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigSourceTest {
    private static final String KEY = "ct.delivery.maxFileBytes";

    @TempDir
    Path tmp;

    private static Properties props(String... kv) {
        Properties p = new Properties();
        for (int i = 0; i < kv.length; i += 2) {
            p.setProperty(kv[i], kv[i + 1]);
        }
        return p;
    }

    private static Map<String, String> env(String... kv) {
        Map<String, String> m = new HashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return m;
    }

    private Path file(String name, String content) throws IOException {
        Path f = tmp.resolve(name);
        Files.write(f, content.getBytes(StandardCharsets.ISO_8859_1));
        return f;
    }

    @Test
    void systemPropertyBeatsEnvironmentFileAndDefault() {
        ConfigSource src = ConfigSource.of(props(KEY, "1MB"), props(KEY, "2MB"),
                env("CT_DELIVERY_MAXFILEBYTES", "3MB"));
        assertThat(src.get(KEY)).isEqualTo("2MB");
    }

    @Test
    void environmentBeatsFile() {
        ConfigSource src = ConfigSource.of(props(KEY, "1MB"), new Properties(),
                env("CT_DELIVERY_MAXFILEBYTES", "3MB"));
        assertThat(src.get(KEY)).isEqualTo("3MB");
    }

    @Test
    void fileIsUsedWhenNothingElseSetsTheKey() {
        ConfigSource src = ConfigSource.of(props(KEY, "1MB"), new Properties(), env());
        assertThat(src.get(KEY)).isEqualTo("1MB");
    }

    @Test
    void unsetKeyIsNullSoTheDefaultApplies() throws ConfigException {
        ConfigSource src = ConfigSource.of(new Properties(), new Properties(), env());
        assertThat(src.get(KEY)).isNull();
        assertThat(AgentConfig.from(src, env()).maxFileBytes()).isEqualTo(64L * 1024 * 1024);
    }

    @Test
    void precedenceReachesTheParsedConfig() throws ConfigException {
        ConfigSource src = ConfigSource.of(props("ct.gzip.level", "1"), props("ct.gzip.level", "9"),
                env("CT_GZIP_LEVEL", "5"));
        assertThat(AgentConfig.from(src, env()).gzipLevel()).isEqualTo(9);
        src = ConfigSource.of(props("ct.gzip.level", "1"), new Properties(), env("CT_GZIP_LEVEL", "5"));
        assertThat(AgentConfig.from(src, env()).gzipLevel()).isEqualTo(5);
        src = ConfigSource.of(props("ct.gzip.level", "1"), new Properties(), env());
        assertThat(AgentConfig.from(src, env()).gzipLevel()).isEqualTo(1);
    }

    @Test
    void environmentNameWithoutSeparatorsBetweenWordsMatches() {
        ConfigSource src = ConfigSource.of(new Properties(), new Properties(),
                env("CT_DELIVERY_MAXFILEBYTES", "8MB"));
        assertThat(src.get(KEY)).isEqualTo("8MB");
    }

    @Test
    void environmentNameWithUnderscoresBetweenWordsMatches() {
        ConfigSource src = ConfigSource.of(new Properties(), new Properties(),
                env("CT_DELIVERY_MAX_FILE_BYTES", "9MB"));
        assertThat(src.get(KEY)).isEqualTo("9MB");
    }

    @Test
    void environmentNameThatDiffersInMoreThanSeparatorsAndCaseDoesNotMatch() {
        ConfigSource src = ConfigSource.of(new Properties(), new Properties(),
                env("CT_DELIVERY_MAXFILE", "9MB", "DELIVERY_MAX_FILE_BYTES", "1MB", "CT_DELIVERY_MAX_FILE_BYTESX", "2MB"));
        assertThat(src.get(KEY)).isNull();
    }

    @Test
    void valuesAreTrimmedFromEverySource() {
        assertThat(ConfigSource.of(new Properties(), props(KEY, "  2MB \t"), env()).get(KEY)).isEqualTo("2MB");
        assertThat(ConfigSource.of(new Properties(), new Properties(), env("CT_DELIVERY_MAX_FILE_BYTES", " 3MB "))
                .get(KEY)).isEqualTo("3MB");
        assertThat(ConfigSource.of(props(KEY, "4MB  "), new Properties(), env()).get(KEY)).isEqualTo("4MB");
    }

    @Test
    void noFileWhenNothingNamesOne() throws ConfigException {
        ConfigSource src = ConfigSource.load(null, new Properties(), env());
        assertThat(src.fileName()).isNull();
        assertThat(src.get("ct.trail.name")).isNull();
        assertThat(ConfigSource.load("   ", new Properties(), env()).fileName()).isNull();
    }

    @Test
    void fileNamedByAgentArgumentIsRead() throws Exception {
        Path byArg = file("arg.properties", "ct.trail.name=from-arg\n");
        Path bySys = file("sys.properties", "ct.trail.name=from-sys\n");
        Path byEnv = file("env.properties", "ct.trail.name=from-env\n");
        ConfigSource src = ConfigSource.load(byArg.toString(), props("ct.config", bySys.toString()),
                env("CT_CONFIG", byEnv.toString()));
        assertThat(src.get("ct.trail.name")).isEqualTo("from-arg");
        assertThat(src.fileName()).isEqualTo(byArg.toString());
    }

    @Test
    void fileNamedByCtConfigPropertyWhenNoAgentArgument() throws Exception {
        Path bySys = file("sys.properties", "ct.trail.name=from-sys\n");
        Path byEnv = file("env.properties", "ct.trail.name=from-env\n");
        ConfigSource src = ConfigSource.load(null, props("ct.config", bySys.toString()),
                env("CT_CONFIG", byEnv.toString()));
        assertThat(src.get("ct.trail.name")).isEqualTo("from-sys");
        assertThat(src.fileName()).isEqualTo(bySys.toString());
        // A blank agent argument is no argument.
        assertThat(ConfigSource.load(" ", props("ct.config", bySys.toString()), env()).get("ct.trail.name"))
                .isEqualTo("from-sys");
    }

    @Test
    void fileNamedByCtConfigEnvironmentVariableLast() throws Exception {
        Path byEnv = file("env.properties", "ct.trail.name=from-env\n");
        ConfigSource src = ConfigSource.load(null, new Properties(), env("CT_CONFIG", byEnv.toString()));
        assertThat(src.get("ct.trail.name")).isEqualTo("from-env");
        assertThat(src.fileName()).isEqualTo(byEnv.toString());
        // A blank -Dct.config does not hide CT_CONFIG.
        assertThat(ConfigSource.load("", props("ct.config", "  "), env("CT_CONFIG", byEnv.toString()))
                .get("ct.trail.name")).isEqualTo("from-env");
    }

    @Test
    void loadedFileStillLosesToSystemPropertiesAndEnvironment() throws Exception {
        Path f = file("ct.properties", "ct.trail.name=from-file\nct.bucket=file-bucket\nct.prefix=file\n");
        ConfigSource src = ConfigSource.load(f.toString(), props("ct.trail.name", "from-sys"),
                env("CT_BUCKET", "env-bucket"));
        assertThat(src.get("ct.trail.name")).isEqualTo("from-sys");
        assertThat(src.get("ct.bucket")).isEqualTo("env-bucket");
        assertThat(src.get("ct.prefix")).isEqualTo("file");
    }

    @Test
    void missingFileIsAConfigExceptionNamingCtConfig() {
        Path missing = tmp.resolve("nope.properties");
        assertThatThrownBy(() -> ConfigSource.load(missing.toString(), new Properties(), env()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("ct.config")
                .hasMessageContaining(missing.toString())
                .satisfies(e -> assertThat(((ConfigException) e).key()).isNull());
    }

    @Test
    void directoryInsteadOfFileIsAConfigExceptionNamingCtConfig() {
        assertThatThrownBy(() -> ConfigSource.load(null, props("ct.config", tmp.toString()), env()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("ct.config");
    }

    @Test
    void malformedFileIsAConfigExceptionNamingCtConfig() throws Exception {
        Path bad = file("bad.properties", "ct.trail.name=\\uZZZZ\n");
        assertThatThrownBy(() -> ConfigSource.load(null, new Properties(), env("CT_CONFIG", bad.toString())))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("ct.config");
    }

    @Test
    void unknownKeysReportsTyposFromFileAndSystemProperties() throws Exception {
        Path f = file("ct.properties", "ct.delivry.interval=PT1M\nct.trail.name=ok\nother.key=x\n");
        ConfigSource src = ConfigSource.load(f.toString(),
                props("ct.bufer.capacity", "8", "ct.gzip.level", "3", "java.version", "17",
                        "ct.config", f.toString()),
                env("CT_DELIVRY_THING", "1"));
        Set<String> unknown = src.unknownKeys(AgentConfig.KEYS.keySet());
        assertThat(unknown).containsExactly("ct.bufer.capacity", "ct.delivry.interval");
    }

    @Test
    void unknownKeysIsEmptyWhenEveryKeyIsKnown() {
        Properties all = new Properties();
        AgentConfig.KEYS.keySet().forEach(k -> all.setProperty(k, "x"));
        ConfigSource src = ConfigSource.of(all, all, Collections.emptyMap());
        assertThat(src.unknownKeys(AgentConfig.KEYS.keySet())).isEmpty();
    }

    @Test
    void unknownKeysAreAlsoReportedByAgentConfig() throws ConfigException {
        ConfigSource src = ConfigSource.of(props("ct.delivry.interval", "PT1M"), props("ct.Enabled", "true"), env());
        assertThat(AgentConfig.from(src, env()).unknownKeys())
                .containsExactlyInAnyOrder("ct.delivry.interval", "ct.Enabled");
    }
}
