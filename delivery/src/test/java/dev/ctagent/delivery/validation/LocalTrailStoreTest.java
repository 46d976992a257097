package dev.ctagent.delivery.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ctagent.delivery.digest.SignatureSidecar;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalTrailStoreTest {
    @TempDir
    Path root;

    private void put(Path dir, String key, String content) throws Exception {
        Path p = dir.resolve(key);
        Files.createDirectories(p.getParent());
        Files.write(p, content.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void listsKeysUnderAPrefixInByteOrder() throws Exception {
        Path bucket = root.resolve("b");
        put(bucket, "AWSLogs/1/b.json.gz", "x");
        put(bucket, "AWSLogs/1/a/z.json.gz", "x");
        put(bucket, "AWSLogs/1/a-b.json.gz", "x");
        put(bucket, "AWSLogs/10/c.json.gz", "x");
        put(bucket, "AWSLogs/1/.hidden.incoming", "x");
        put(bucket, "AWSLogs/1/.tmp/d.json.gz", "x");
        put(bucket, "Other/e", "x");
        LocalTrailStore store = new LocalTrailStore(bucket);

        assertThat(store.bucket()).isEqualTo("b");
        assertThat(store.list("AWSLogs/1/")).containsExactly("AWSLogs/1/a-b.json.gz", "AWSLogs/1/a/z.json.gz",
                "AWSLogs/1/b.json.gz");
        assertThat(store.list("AWSLogs/1")).containsExactly("AWSLogs/1/a-b.json.gz", "AWSLogs/1/a/z.json.gz",
                "AWSLogs/1/b.json.gz", "AWSLogs/10/c.json.gz");
        assertThat(store.list("AWSLogs/1/a")).containsExactly("AWSLogs/1/a-b.json.gz", "AWSLogs/1/a/z.json.gz");
        assertThat(store.list("Nothing/")).isEmpty();
        assertThat(store.listFolders("AWSLogs/")).containsExactly("AWSLogs/1/", "AWSLogs/10/");
        assertThat(store.listFolders("AWSLogs/1/")).containsExactly("AWSLogs/1/a/");
        assertThat(store.listFolders("")).containsExactly("AWSLogs/", "Other/");
    }

    @Test
    void readsObjectsAndTheirSidecarMetadata() throws Exception {
        Path bucket = root.resolve("b");
        put(bucket, "d/k.json.gz", "digest");
        LocalTrailStore store = new LocalTrailStore(bucket);

        assertThat(store.read("d/k.json.gz")).isEqualTo("digest".getBytes(StandardCharsets.UTF_8));
        assertThat(store.metadata("d/k.json.gz")).isEmpty();

        Files.write(bucket.resolve(SignatureSidecar.keyFor("d/k.json.gz")),
                SignatureSidecar.toJson(SignatureSidecar.metadata("abcd")));
        assertThat(store.metadata("d/k.json.gz")).isEqualTo(Map.of("signature", "abcd",
                "signature-algorithm", "SHA256withRSA"));

        put(bucket, SignatureSidecar.keyFor("d/k.json.gz"), "not json");
        assertThat(store.metadata("d/k.json.gz")).isEmpty();
    }

    @Test
    void keysOutsideTheDirectoryNameNoObject() throws Exception {
        Path bucket = root.resolve("b");
        Files.createDirectories(bucket);
        put(root, "secret", "s");
        LocalTrailStore store = new LocalTrailStore(bucket);

        for (String key : new String[] {"../secret", "/etc/passwd", "a//b", "./x", "d", ""}) {
            assertThatThrownBy(() -> store.read(key)).as(key).isInstanceOf(NoSuchKeyException.class);
            assertThatThrownBy(() -> store.open(key)).as(key).isInstanceOf(NoSuchKeyException.class);
            assertThatThrownBy(() -> store.metadata(key)).as(key).isInstanceOf(NoSuchKeyException.class);
        }
        assertThat(store.list("../")).isEmpty();
    }

    @Test
    void locatesTheBucketDirectory() throws Exception {
        Path bucket = root.resolve("ct-trail").resolve("local");
        Files.createDirectories(bucket.resolve("p/AWSLogs"));
        Files.createDirectories(root.resolve("ct-trail/.ct-agent"));

        assertThat(LocalTrailStore.locate(bucket, "p")).isEqualTo(bucket);
        assertThat(LocalTrailStore.locate(root.resolve("ct-trail"), "p")).isEqualTo(bucket);
        assertThatThrownBy(() -> LocalTrailStore.locate(root.resolve("ct-trail"), ""))
                .hasMessageContaining("no AWSLogs folder");
        assertThatThrownBy(() -> LocalTrailStore.locate(root.resolve("missing"), ""))
                .hasMessageEndingWith("missing: no such directory");
        Files.createDirectories(root.resolve("ct-trail/other/p/AWSLogs"));
        assertThatThrownBy(() -> LocalTrailStore.locate(root.resolve("ct-trail"), "p"))
                .hasMessageContaining("several subdirectories hold p/AWSLogs");
    }
}
