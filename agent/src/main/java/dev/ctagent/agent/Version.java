package dev.ctagent.agent;

/** The agent's version, from the jar manifest ("dev" when run from classes). */
public final class Version {
    private Version() {}

    public static String current() {
        String v = Version.class.getPackage() == null ? null : Version.class.getPackage().getImplementationVersion();
        return "ct-agent " + (v == null ? readManifestVersion() : v);
    }

    private static String readManifestVersion() {
        try (java.io.InputStream in = Version.class.getResourceAsStream("/META-INF/ct-agent.version")) {
            return in == null ? "dev" : new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).trim();
        } catch (java.io.IOException e) {
            return "dev";
        }
    }
}
