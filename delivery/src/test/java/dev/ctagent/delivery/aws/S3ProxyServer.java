package dev.ctagent.delivery.aws;

import java.net.URI;
import java.nio.file.Path;
import java.util.Properties;
import org.gaul.s3proxy.BlobStores;
import org.gaul.s3proxy.S3Proxy;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * S3Proxy in this JVM: the S3 API over a local directory, on a free loopback port, checking every request's
 * signature (AWS SigV2 or SigV4) against one access key. Clients come from {@link SdkClients}, the way the
 * agent builds its own.
 */
public final class S3ProxyServer implements AutoCloseable {
    public static final String IDENTITY = "ct-test-access-key";
    public static final String CREDENTIAL = "ct-test-secret-key";
    public static final String REGION = "us-east-1";
    private static final long START_TIMEOUT_MILLIS = 30_000;

    private final S3Proxy proxy;

    private S3ProxyServer(S3Proxy proxy) {
        this.proxy = proxy;
    }

    /** Starts a server whose buckets are folders of {@code baseDir}. */
    public static S3ProxyServer start(Path baseDir) throws Exception {
        Properties p = new Properties();
        p.setProperty("s3proxy.endpoint", "http://127.0.0.1:0");
        p.setProperty("s3proxy.authorization", "aws-v2-or-v4");
        p.setProperty("s3proxy.identity", IDENTITY);
        p.setProperty("s3proxy.credential", CREDENTIAL);
        p.setProperty("jclouds.provider", "filesystem");
        p.setProperty("jclouds.filesystem.basedir", baseDir.toString());
        S3Proxy proxy = S3Proxy.Builder.fromProperties(p).blobStore(BlobStores.create("filesystem", p)).build();
        proxy.start();
        long deadline = System.currentTimeMillis() + START_TIMEOUT_MILLIS;
        while (!"STARTED".equals(proxy.getState())) {
            if (System.currentTimeMillis() > deadline) {
                proxy.stop();
                throw new IllegalStateException("S3Proxy did not start: " + proxy.getState());
            }
            Thread.sleep(10);
        }
        return new S3ProxyServer(proxy);
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + proxy.getPort());
    }

    /** A client with the server's own key (path style, as S3-compatible stores need). */
    public S3Client client() {
        return client(IDENTITY, CREDENTIAL);
    }

    /** A client signing with any key, e.g. a wrong secret. */
    public S3Client client(String accessKey, String secretKey) {
        return SdkClients.s3(REGION, endpoint(), true,
                StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey, secretKey)));
    }

    @Override
    public void close() {
        try {
            proxy.stop();
        } catch (Exception e) {
            throw new IllegalStateException("stopping S3Proxy", e);
        }
    }
}
