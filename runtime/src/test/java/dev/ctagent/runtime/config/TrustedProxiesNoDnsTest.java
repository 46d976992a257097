package dev.ctagent.runtime.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Proves {@link TrustedProxies#literal} never consults the name service: a child JVM resolves names
 * through a hosts file ({@code -Djdk.net.hosts.file}) that maps each probed name to an address, so a
 * lookup would show up as a non-null result.
 */
@Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class TrustedProxiesNoDnsTest {
    @TempDir
    Path tmp;

    @Test
    void hostNamesAreNeverResolved() throws Exception {
        List<String> lines = probe("localhost", "example.com", "ip6-localhost", "a.b.c.d", "LOCALHOST");
        assertThat(lines).containsExactly(
                "localhost resolves=true literal=null",
                "example.com resolves=true literal=null",
                "ip6-localhost resolves=true literal=null",
                "a.b.c.d resolves=true literal=null",
                "LOCALHOST resolves=true literal=null");
    }

    @Test
    void outOfRangeDottedQuadsAreNeverResolved() throws Exception {
        assertThat(probe("999.1.1.1", "256.0.0.1", ".1.2.3", "...")).containsExactly(
                "999.1.1.1 resolves=true literal=null",
                "256.0.0.1 resolves=true literal=null",
                ".1.2.3 resolves=true literal=null",
                "... resolves=true literal=null");
    }

    @Test
    void realLiteralsStillParseInTheProbe() throws Exception {
        assertThat(probe("10.1.2.3")).containsExactly("10.1.2.3 resolves=true literal=[10, 1, 2, 3]");
    }

    /** Runs {@link Probe} in a child JVM whose hosts file maps every name to 203.0.113.7. */
    List<String> probe(String... names) throws Exception {
        StringBuilder hosts = new StringBuilder();
        for (String n : names) {
            hosts.append("203.0.113.7 ").append(n).append('\n');
        }
        Path hostsFile = tmp.resolve("hosts");
        Files.write(hostsFile, hosts.toString().getBytes(StandardCharsets.US_ASCII));
        String cp = location(TrustedProxies.class) + java.io.File.pathSeparator + location(Probe.class);
        List<String> cmd = new ArrayList<>(Arrays.asList(
                Paths.get(System.getProperty("java.home"), "bin", "java").toString(),
                "-Djdk.net.hosts.file=" + hostsFile, "-cp", cp, Probe.class.getName()));
        cmd.addAll(Arrays.asList(names));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (InputStream in = p.getInputStream()) {
            in.transferTo(out);
        }
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String text = out.toString(StandardCharsets.UTF_8);
        assertThat(p.exitValue()).as(text).isZero();
        return Arrays.asList(text.trim().split("\\R"));
    }

    private static String location(Class<?> c) throws Exception {
        return Paths.get(c.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    }

    /** Child-JVM entry point: for each argument, whether the name service resolves it and what literal() says. */
    public static final class Probe {
        public static void main(String[] args) {
            for (String a : args) {
                byte[] b = TrustedProxies.literal(a); // first, so nothing is cached yet
                boolean resolves;
                try {
                    InetAddress.getByName(a);
                    resolves = true;
                } catch (Exception e) {
                    resolves = false;
                }
                String shown;
                if (b == null) {
                    shown = "null";
                } else {
                    int[] u = new int[b.length];
                    for (int i = 0; i < b.length; i++) {
                        u[i] = b[i] & 0xff;
                    }
                    shown = Arrays.toString(u);
                }
                System.out.println(a + " resolves=" + resolves + " literal=" + shown);
            }
        }
    }
}
