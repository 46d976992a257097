package dev.ctagent.it.awscli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;

/**
 * Puts a local trail folder (the folder standing for the bucket, {@code <ct.dir>/<ct.bucket>}) into an S3
 * bucket the way CloudTrail's objects look there (cloudtrail-formats.md §1.2, §2.4), through the AWS SDK v2
 * against an emulator (path style, dummy credentials {@code test}/{@code test}, us-east-1):
 * <ul>
 * <li>every {@code .json.gz} with {@code Content-Type: application/json} and {@code Content-Encoding: gzip};</li>
 * <li>a digest additionally gets its sidecar's fields ({@code <digest>.metadata.json}) as user metadata
 *     ({@code signature}, {@code signature-algorithm}); a digest without a sidecar gets none;</li>
 * <li>sidecars themselves are not uploaded; public key files ({@code CloudTrail-PublicKey/*.json}) are
 *     uploaded as they are; anything else is left out and reported.</li>
 * </ul>
 */
public final class TrailUpload implements AutoCloseable {
    public static final String SIDECAR_SUFFIX = ".metadata.json";
    private static final ObjectMapper JSON = new ObjectMapper();
    private final S3Client s3;

    /** What an upload put where. Keys are relative to the bucket. */
    public record Result(List<String> logFiles, List<String> digests, List<String> unsignedDigests,
            List<String> publicKeys, List<String> skipped) {}

    public TrailUpload(String s3Endpoint) {
        this.s3 = S3Client.builder()
                .endpointOverride(URI.create(s3Endpoint))
                .forcePathStyle(true)
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                // plain PUTs (no aws-chunked body with trailing checksums): the emulator stores exactly the bytes sent
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .build();
    }

    public S3Client s3() {
        return s3;
    }

    public void createBucket(String bucket) {
        s3.createBucket(b -> b.bucket(bucket));
    }

    /** Uploads every trail object under {@code trailFolder} to {@code bucket} (which must exist). */
    public Result upload(Path trailFolder, String bucket) throws IOException {
        List<Path> files;
        try (Stream<Path> s = Files.walk(trailFolder)) {
            files = s.filter(Files::isRegularFile).sorted().toList();
        }
        List<String> logs = new ArrayList<>();
        List<String> digests = new ArrayList<>();
        List<String> unsigned = new ArrayList<>();
        List<String> keys = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        for (Path f : files) {
            String key = trailFolder.relativize(f).toString().replace('\\', '/');
            if (key.endsWith(SIDECAR_SUFFIX)) {
                continue; // carried by the digest's user metadata
            }
            if (key.endsWith(".json.gz") && key.contains("/CloudTrail-Digest/")) {
                Path sidecar = f.resolveSibling(f.getFileName() + SIDECAR_SUFFIX);
                Map<String, String> metadata = Files.exists(sidecar) ? sidecar(sidecar) : Map.of();
                putGzipJson(bucket, key, Files.readAllBytes(f), metadata);
                (metadata.isEmpty() ? unsigned : digests).add(key);
            } else if (key.endsWith(".json.gz")) {
                putGzipJson(bucket, key, Files.readAllBytes(f), Map.of());
                logs.add(key);
            } else if (key.contains("/CloudTrail-PublicKey/") && key.endsWith(".json")) {
                put(bucket, key, Files.readAllBytes(f), "application/json", null, Map.of());
                keys.add(key);
            } else {
                skipped.add(key);
            }
        }
        return new Result(logs, digests, unsigned, keys, skipped);
    }

    /** One gzip'd JSON object (log file or digest) with the given user metadata (none: an empty map). */
    public void putGzipJson(String bucket, String key, byte[] gz, Map<String, String> userMetadata) {
        put(bucket, key, gz, "application/json", "gzip", userMetadata);
    }

    /** One object with exactly these headers; {@code contentEncoding} may be null. */
    public void put(String bucket, String key, byte[] body, String contentType, String contentEncoding,
            Map<String, String> userMetadata) {
        PutObjectRequest.Builder req = PutObjectRequest.builder().bucket(bucket).key(key).contentType(contentType)
                .metadata(userMetadata);
        if (contentEncoding != null) {
            req.contentEncoding(contentEncoding);
        }
        s3.putObject(req.build(), RequestBody.fromBytes(body));
    }

    /** The string fields of a signature sidecar: the S3 user metadata its digest would carry. */
    public static Map<String, String> sidecar(Path file) throws IOException {
        JsonNode node = JSON.readTree(file.toFile());
        Map<String, String> m = new LinkedHashMap<>();
        node.fields().forEachRemaining(e -> {
            if (e.getValue().isTextual()) {
                m.put(e.getKey(), e.getValue().asText());
            }
        });
        return m;
    }

    @Override
    public void close() {
        s3.close();
    }
}
