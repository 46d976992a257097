package dev.ctagent.testapps.jetty;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * The Maven version of a library, read from the pom.properties next to the given class. Manifests of merged
 * jars are lost in a fat jar; these per-artifact files survive, and reading them through the library's own
 * class loader tells which copy actually answered.
 */
final class PomVersion {
    static String of(Class<?> libraryClass, String groupId, String artifactId) {
        String path = "META-INF/maven/" + groupId + "/" + artifactId + "/pom.properties";
        try (InputStream in = libraryClass.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                return "unknown";
            }
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version", "unknown");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private PomVersion() {
    }
}
