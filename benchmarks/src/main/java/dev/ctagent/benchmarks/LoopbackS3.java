package dev.ctagent.benchmarks;

import dev.ctagent.delivery.aws.S3ProxyServer;
import dev.ctagent.runtime.config.AgentConfig;
import dev.ctagent.runtime.config.ConfigException;
import dev.ctagent.runtime.config.ConfigSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Properties;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * S3Proxy on 127.0.0.1 in this JVM over a folder, checking SigV4 against one key (the delivery tests'
 * {@link S3ProxyServer}); the trail's S3 client finds that key through the standard provider chain (system
 * properties).
 */
final class LoopbackS3 implements AutoCloseable {
    private final S3ProxyServer server;
    private final S3Client client;

    private LoopbackS3(S3ProxyServer server) {
        this.server = server;
        this.client = server.client();
    }

    static LoopbackS3 start(Path storage) throws Exception {
        Files.createDirectories(storage);
        S3ProxyServer server = S3ProxyServer.start(storage);
        System.setProperty("aws.accessKeyId", S3ProxyServer.IDENTITY);
        System.setProperty("aws.secretAccessKey", S3ProxyServer.CREDENTIAL);
        System.out.println("# S3Proxy on " + server.endpoint() + " over " + storage);
        return new LoopbackS3(server);
    }

    String createBucket(String name) {
        client.createBucket(b -> b.bucket(name));
        return name;
    }

    AgentConfig config(Path dir, int level, String bucket) throws ConfigException {
        Properties p = new Properties();
        p.setProperty("ct.dir", dir.toString());
        p.setProperty("ct.gzip.level", Integer.toString(level));
        p.setProperty("ct.buffer.whenFull", "block");
        p.setProperty("ct.s3.bucket", bucket);
        p.setProperty("ct.s3.endpoint", server.endpoint().toString());
        p.setProperty("ct.s3.pathStyle", "true");
        p.setProperty("ct.s3.region", "us-east-1");
        return AgentConfig.from(ConfigSource.of(p, new Properties(), Collections.emptyMap()),
                Collections.emptyMap());
    }

    /** Count and total size of the log files (not digests) in the bucket. */
    long[] logFiles(String bucket) {
        long[] out = new long[2];
        for (S3Object o : client.listObjectsV2Paginator(b -> b.bucket(bucket)).contents()) {
            if (o.key().contains("/CloudTrail/") && o.key().endsWith(".json.gz")) {
                out[0]++;
                out[1] += o.size();
            }
        }
        return out;
    }

    void deleteBucket(String bucket) {
        for (S3Object o : client.listObjectsV2Paginator(b -> b.bucket(bucket)).contents()) {
            client.deleteObject(b -> b.bucket(bucket).key(o.key()));
        }
        client.deleteBucket(b -> b.bucket(bucket));
    }

    @Override
    public void close() {
        client.close();
        server.close();
    }
}
