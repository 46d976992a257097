package dev.ctagent.it.delivery;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.util.Properties;
import org.gaul.s3proxy.BlobStores;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * A real S3 API (S3Proxy over a local folder) that checks every request's SigV4 signature. It can be
 * stopped and started again on the same port and folder, to play an outage.
 */
public final class S3ProxyServer implements AutoCloseable {
    public static final String ACCESS_KEY = "AKIAS3PROXYTESTKEY01";
    public static final String SECRET_KEY = "s3proxy-test-secret-key-0123456789abcdef";

    private final Path dir;
    private final int port;
    private S3Proxy proxy;

    private S3ProxyServer(Path dir, int port) {
        this.dir = dir;
        this.port = port;
    }

    public static S3ProxyServer start(Path dir) throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        S3ProxyServer server = new S3ProxyServer(dir, port);
        server.startAgain();
        return server;
    }

    public synchronized void startAgain() throws Exception {
        if (proxy != null) {
            return;
        }
        Properties p = new Properties();
        p.setProperty("jclouds.filesystem.basedir", dir.toString());
        S3Proxy s = S3Proxy.builder()
                .blobStore(BlobStores.create("filesystem", p))
                .endpoint(URI.create(endpoint()))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY)
                .build();
        s.start();
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (!"STARTED".equals(s.getState())) {
            if (System.nanoTime() > deadline) {
                throw new IOException("S3Proxy did not start: " + s.getState());
            }
            Thread.sleep(20);
        }
        proxy = s;
    }

    /** The outage: connections to the port are refused until {@link #startAgain()}. */
    public synchronized void stop() throws Exception {
        if (proxy != null) {
            proxy.stop();
            proxy = null;
        }
    }

    public String endpoint() {
        return "http://127.0.0.1:" + port;
    }

    /** A client with the right key, for the test's own checks. */
    public S3Client client() {
        return S3Client.builder().endpointOverride(URI.create(endpoint())).region(Region.US_EAST_1)
                .forcePathStyle(true).httpClient(UrlConnectionHttpClient.create())
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY)))
                .build();
    }

    @Override
    public void close() throws Exception {
        stop();
    }
}
