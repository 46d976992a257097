package dev.ctagent.it;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Where the built artifacts are (the reactor builds them before this module's tests). */
final class Paths {
    static final Path ROOT = Path.of(System.getProperty("ct.repo.root", "..")).toAbsolutePath().normalize();
    static final Path AGENT_JAR = ROOT.resolve("agent/target/ct-agent.jar");
    static final Path SPRING_APP = ROOT.resolve("test-apps/spring-boot3/target/spring-boot3-app.jar");
    static final Path JETTY_APP = ROOT.resolve("test-apps/javax-jetty/target/javax-jetty-app.jar");
    static final Path SDK_V2_APP = ROOT.resolve("test-apps/aws-sdk-v2/target/aws-sdk-v2-app.jar");
    static final Path SDK_V2_OLD_APP = ROOT.resolve("test-apps/aws-sdk-v2-old/target/aws-sdk-v2-old-app.jar");
    static final Path SDK_V1_APP = ROOT.resolve("test-apps/aws-sdk-v1/target/aws-sdk-v1-app.jar");
    static final Path SDK_V1_OLD_APP = ROOT.resolve("test-apps/aws-sdk-v1-old/target/aws-sdk-v1-old-app.jar");
    static final Path THIS_JAVA = Path.of(System.getProperty("java.home"));

    private Paths() {}

    /**
     * The JDKs to run the apps on: this one, plus each home listed in {@code ct.it.jdks} (comma-separated;
     * by default Temurin 25 where this project's machines have it).
     */
    static List<Path> jdks() {
        List<Path> out = new ArrayList<>();
        out.add(THIS_JAVA);
        String extra = System.getProperty("ct.it.jdks", "/usr/lib/jvm/temurin-25-jdk-amd64");
        for (String s : extra.split(",")) {
            Path p = Path.of(s.trim());
            if (!s.isBlank() && Files.isExecutable(p.resolve("bin/java")) && !p.equals(THIS_JAVA)) {
                out.add(p);
            }
        }
        return out;
    }
}
