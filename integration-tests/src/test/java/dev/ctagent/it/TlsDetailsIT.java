package dev.ctagent.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A call over HTTPS records tlsDetails: protocol, cipher suite and the Host header the client sent. */
class TlsDetailsIT {
    @TempDir
    Path dir;

    @Test
    void httpsCallsCarryTlsDetails() throws Exception {
        Path keystore = dir.resolve("server.p12");
        Process keytool = new ProcessBuilder(Paths.THIS_JAVA.resolve("bin/keytool").toString(), "-genkeypair",
                "-alias", "it", "-keyalg", "RSA", "-keysize", "2048", "-storetype", "PKCS12",
                "-keystore", keystore.toString(), "-storepass", "changeit", "-dname", "CN=localhost",
                "-validity", "2", "-ext", "san=ip:127.0.0.1").redirectErrorStream(true)
                .redirectOutput(dir.resolve("keytool.txt").toFile()).start();
        assertThat(keytool.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(keytool.exitValue()).as(Files.readString(dir.resolve("keytool.txt"))).isZero();

        Path trail = dir.resolve("trail");
        int status;
        try (ForkedApp app = ForkedApp.start(Paths.THIS_JAVA, ForkedApp.agentArgs(Map.of("ct.dir", trail.toString())),
                Paths.SPRING_APP, "--server.port=0", "--server.ssl.enabled=true",
                "--server.ssl.key-store=file:" + keystore, "--server.ssl.key-store-password=changeit",
                "--server.ssl.key-store-type=PKCS12")) {
            int port = app.awaitReady();
            HttpClient client = HttpClient.newBuilder().sslContext(trusting(keystore)).build();
            HttpResponse<String> reply = client.send(HttpRequest.newBuilder(
                    URI.create("https://127.0.0.1:" + port + "/owners/5")).build(), HttpResponse.BodyHandlers.ofString());
            status = reply.statusCode();
            app.stop();
        }
        assertThat(status).isEqualTo(200);
        List<JsonNode> records = TrailFiles.records(trail, "local");
        assertThat(records).hasSize(1);
        JsonNode tls = records.get(0).get("tlsDetails");
        CloudTrailRules.assertValid(records.get(0));
        assertThat(tls).as("tlsDetails").isNotNull();
        assertThat(tls.get("tlsVersion").asText()).startsWith("TLSv1.");
        assertThat(tls.get("cipherSuite").asText()).startsWith("TLS_");
        assertThat(tls.get("clientProvidedHostHeader").asText()).startsWith("127.0.0.1");
    }

    /** Trusts exactly the test server's self-signed certificate. */
    private static SSLContext trusting(Path keystore) throws Exception {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keystore)) {
            ks.load(in, "changeit".toCharArray());
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(ks);
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(null, tmf.getTrustManagers(), null);
        return ctx;
    }
}
