package dev.ctagent.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * What ct-agent.jar carries, and how: only the launcher and the bridge visible; everything else hidden under
 * {@code inst/} with every library relocated under {@code dev.ctagent.shaded}; no HTTP client but the JDK's;
 * the class names inside resources (service files, the SDK's interceptor lists) rewritten to match; and the
 * instrumentation still naming the application's libraries, not the agent's relocated copies.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AgentJarContentsIT {
    private static final String INST = "inst/";
    private static final String SHADED = "dev.ctagent.shaded.";
    private JarFile jar;
    private List<String> names;

    @BeforeAll
    void open() throws IOException {
        jar = new JarFile(Paths.AGENT_JAR.toFile());
        names = new ArrayList<>();
        for (JarEntry e : Collections.list(jar.entries())) {
            if (!e.isDirectory()) {
                names.add(e.getName());
            }
        }
    }

    @AfterAll
    void close() throws IOException {
        if (jar != null) {
            jar.close();
        }
    }

    @Test
    void onlyTheLauncherAndTheBridgeAreVisible() {
        assertThat(names).allSatisfy(n -> assertThat(n.startsWith(INST) || n.startsWith("dev/ctagent/launcher/")
                || n.startsWith("dev/ctagent/bridge/") || n.equals("META-INF/MANIFEST.MF")).as(n).isTrue());
        assertThat(names).filteredOn(n -> n.startsWith(INST)).allSatisfy(n -> assertThat(n).doesNotEndWith(".class"));
    }

    @Test
    void everyCarriedLibraryIsRelocatedUnderTheAgentsOwnPackage() {
        List<String> hidden = new ArrayList<>();
        for (String n : names) {
            if (n.startsWith(INST)) {
                hidden.add(n.substring(INST.length()));
            }
        }
        assertThat(hidden).filteredOn(n -> n.endsWith(".classdata"))
                .allSatisfy(n -> assertThat(n).startsWith("dev/ctagent/"));
        assertThat(hidden).noneMatch(n -> n.startsWith("software/") || n.startsWith("org/") || n.startsWith("com/")
                || n.startsWith("net/"));
        assertThat(hidden).contains(
                "dev/ctagent/shaded/software/amazon/awssdk/services/s3/S3Client.classdata",
                "dev/ctagent/shaded/software/amazon/awssdk/services/sns/SnsClient.classdata",
                "dev/ctagent/shaded/software/amazon/eventstream/Message.classdata",
                "dev/ctagent/shaded/org/reactivestreams/Publisher.classdata",
                "dev/ctagent/shaded/org/slf4j/LoggerFactory.classdata",
                // web identity (IRSA) and assume-role profiles: the provider chain loads these by name
                "dev/ctagent/shaded/software/amazon/awssdk/services/sts/internal/StsWebIdentityCredentialsProviderFactory.classdata",
                "dev/ctagent/shaded/software/amazon/awssdk/services/sts/internal/StsProfileCredentialsProviderFactory.classdata",
                // the SDK's endpoint metadata, read as a resource at its relocated path
                "dev/ctagent/shaded/software/amazon/awssdk/regions/internal/region/endpoints.json");
    }

    /** The provider chain names the STS factories in string constants: relocated with the classes they name. */
    @Test
    void theCredentialChainFindsTheRelocatedStsByName() throws IOException {
        String utils = read(INST + "dev/ctagent/shaded/software/amazon/awssdk/auth/credentials/internal/"
                + "WebIdentityCredentialsUtils.classdata");
        assertThat(utils).contains(SHADED + "software.amazon.awssdk.services.sts.internal."
                + "StsWebIdentityCredentialsProviderFactory");
    }

    @Test
    void theOnlyHttpClientIsTheJdks() {
        assertThat(names).noneMatch(n -> n.contains("/netty/") || n.contains("/apache/"));
        assertThat(names).contains(INST
                + "dev/ctagent/shaded/software/amazon/awssdk/http/urlconnection/UrlConnectionHttpClient.classdata");
    }

    /**
     * Service files are found by their (relocated) interface's name and name relocated implementations; the
     * SDK's {@code execution.interceptors} lists (none in SDK 2.41, rewritten by the build if one appears)
     * likewise. Each named class must be in the jar, or the relocated SDK and slf4j would not find it.
     */
    @Test
    void classNamesInResourcesAreRelocatedAndInTheJar() throws IOException {
        List<String> lists = new ArrayList<>();
        for (String n : names) {
            if (n.startsWith(INST + "META-INF/services/") || n.endsWith("/execution.interceptors")) {
                lists.add(n);
            }
        }
        assertThat(lists).contains(INST + "META-INF/services/" + SHADED + "org.slf4j.spi.SLF4JServiceProvider",
                INST + "META-INF/services/" + SHADED + "software.amazon.awssdk.http.SdkHttpService");
        for (String list : lists) {
            if (list.startsWith(INST + "META-INF/services/")) {
                String service = list.substring((INST + "META-INF/services/").length());
                assertThat(service).as(list).startsWith(SHADED);
                assertThat(names).as(list).contains(classData(service));
            }
            List<String> classes = classNames(list);
            assertThat(classes).as(list).isNotEmpty();
            for (String c : classes) {
                assertThat(c).as(list).startsWith(SHADED);
                assertThat(names).as(list).contains(classData(c));
            }
        }
    }

    /**
     * The ignore list and the SDK matchers name packages the agent also carries relocated; the relocating build
     * rewrites string constants that start with those packages, so the names are built at run time. A dotted
     * {@code dev.ctagent.shaded.} string in an instrumentation class means one escaped.
     */
    @Test
    void theInstrumentationNamesTheApplicationsLibrariesNotTheAgentsCopies() throws IOException {
        List<String> instrumentation = new ArrayList<>();
        for (String n : names) {
            if (n.startsWith(INST + "dev/ctagent/agent/instrumentation/") || n.startsWith(INST + "dev/ctagent/sdkhooks/")) {
                instrumentation.add(n);
            }
        }
        assertThat(instrumentation).hasSizeGreaterThan(10);
        for (String n : instrumentation) {
            assertThat(read(n)).as(n).doesNotContain(SHADED);
        }
    }

    private static String classData(String className) {
        return INST + className.replace('.', '/') + ".classdata";
    }

    private List<String> classNames(String entry) throws IOException {
        List<String> out = new ArrayList<>();
        for (String line : read(entry).split("\n")) {
            String s = line.replaceAll("#.*", "").trim();
            if (!s.isEmpty()) {
                out.add(s);
            }
        }
        return out;
    }

    /** An entry's bytes as Latin-1: ASCII strings in a class file's constant pool read as themselves. */
    private String read(String entry) throws IOException {
        try (InputStream in = jar.getInputStream(jar.getEntry(entry))) {
            return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }
}
