package dev.ctagent.delivery.logfile;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.concurrent.TimeUnit;

/**
 * Test helper: asks a second JVM whether it can lock a file, as a second agent sharing ct.dir (or its
 * recovery) would. Runs a single-file Java program, so nothing in this JVM touches the file.
 */
final class LockProbe {
    private static final String PROGRAM = String.join("\n",
            "import java.nio.channels.*; import java.nio.file.*;",
            "public class Probe { public static void main(String[] a) throws Exception {",
            "  try (FileChannel ch = FileChannel.open(Paths.get(a[0]), StandardOpenOption.READ, StandardOpenOption.WRITE)) {",
            "    FileLock l = ch.tryLock(); System.out.print(l == null ? \"held\" : \"free\"); } } }");

    private LockProbe() {}

    /** True when another process can take an exclusive lock on {@code file} right now. */
    static boolean lockableFromAnotherProcess(Path file, Path scratchDir) throws IOException, InterruptedException {
        Path source = scratchDir.resolve("Probe.java");
        Files.write(source, PROGRAM.getBytes(StandardCharsets.UTF_8));
        Path java = Paths.get(System.getProperty("java.home"), "bin", "java");
        Process p = new ProcessBuilder(java.toString(), source.toString(), file.toString())
                .redirectErrorStream(true).start();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("lock probe did not finish");
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        if (out.equals("free")) {
            return true;
        }
        if (out.equals("held")) {
            return false;
        }
        throw new AssertionError("lock probe said: " + out);
    }
}
