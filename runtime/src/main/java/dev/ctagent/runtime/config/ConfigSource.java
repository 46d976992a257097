package dev.ctagent.runtime.config;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;

/**
 * Where configuration values come from, highest precedence first: system property {@code -Dct.x.y},
 * environment variable {@code CT_X_Y}, the properties file, then the key's default.
 *
 * <p>The file is named by the agent argument, else {@code -Dct.config}, else {@code CT_CONFIG}. An
 * environment variable matches a key when both agree after dropping dots, underscores and case, so
 * {@code CT_DELIVERY_MAXFILEBYTES} and {@code CT_DELIVERY_MAX_FILE_BYTES} both set
 * {@code ct.delivery.maxFileBytes}.
 */
public final class ConfigSource {
    private final Properties file;
    private final Properties system;
    private final Map<String, String> env;
    private final String fileName;

    private ConfigSource(Properties file, String fileName, Properties system, Map<String, String> env) {
        this.file = file;
        this.fileName = fileName;
        this.system = system;
        this.env = env;
    }

    /** Reads the file named by the agent argument, {@code -Dct.config} or {@code CT_CONFIG}, if any. */
    public static ConfigSource load(String agentArgs, Properties system, Map<String, String> env)
            throws ConfigException {
        String path = blankToNull(agentArgs);
        if (path == null) {
            path = blankToNull(system.getProperty("ct.config"));
        }
        if (path == null) {
            path = blankToNull(env.get("CT_CONFIG"));
        }
        Properties file = new Properties();
        if (path != null) {
            Path p = Paths.get(path);
            try (InputStream in = Files.newInputStream(p)) {
                file.load(in);
            } catch (IOException | IllegalArgumentException e) {
                throw new ConfigException("ct.config=" + path + " cannot be read: " + e);
            }
        }
        return new ConfigSource(file, path, system, env);
    }

    public static ConfigSource of(Properties file, Properties system, Map<String, String> env) {
        return new ConfigSource(file, null, system, env);
    }

    /** The value for {@code key}, or null when no source sets it. */
    public String get(String key) {
        String v = system.getProperty(key);
        if (v != null) {
            return v.trim();
        }
        String wanted = normalize(key);
        for (Map.Entry<String, String> e : env.entrySet()) {
            if (normalize(e.getKey()).equals(wanted)) {
                return e.getValue().trim();
            }
        }
        v = file.getProperty(key);
        return v == null ? null : v.trim();
    }

    /** Keys starting with {@code ct.} in the file or system properties that are not in {@code known}. */
    public Set<String> unknownKeys(Set<String> known) {
        Set<String> unknown = new TreeSet<>();
        for (Properties p : new Properties[] {file, system}) {
            for (String name : p.stringPropertyNames()) {
                if (name.startsWith("ct.") && !known.contains(name) && !name.equals("ct.config")) {
                    unknown.add(name);
                }
            }
        }
        return unknown;
    }

    /** The properties file in use, or null. */
    public String fileName() {
        return fileName;
    }

    private static String normalize(String key) {
        StringBuilder sb = new StringBuilder(key.length());
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (c != '.' && c != '_') {
                sb.append(c);
            }
        }
        return sb.toString().toLowerCase(Locale.ROOT);
    }

    private static String blankToNull(String s) {
        return s == null || s.trim().isEmpty() ? null : s.trim();
    }
}
