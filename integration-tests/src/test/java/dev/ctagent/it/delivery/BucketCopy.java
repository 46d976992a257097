package dev.ctagent.it.delivery;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.S3Object;

/** A bucket's objects, listed and copied into {@code <dir>/<bucket>/<key>} for the local checks. */
public final class BucketCopy {
    private BucketCopy() {}

    public static List<String> keys(S3Client s3, String bucket) {
        List<String> keys = new ArrayList<>();
        for (S3Object o : s3.listObjectsV2Paginator(ListObjectsV2Request.builder().bucket(bucket).build()).contents()) {
            keys.add(o.key());
        }
        return keys;
    }

    /**
     * Copies every object; a digest's user metadata goes into the sidecar the local trail layout uses
     * ({@code <key>.metadata.json}), so the local validator can read the copy.
     */
    public static Path download(S3Client s3, String bucket, Path dir) throws IOException {
        Path root = dir.resolve(bucket);
        for (String key : keys(s3, bucket)) {
            Path target = root.resolve(key);
            Files.createDirectories(target.getParent());
            Files.write(target, s3.getObjectAsBytes(GetObjectRequest.builder().bucket(bucket).key(key).build())
                    .asByteArray());
            HeadObjectResponse head = s3.headObject(b -> b.bucket(bucket).key(key));
            Map<String, String> meta = head.metadata();
            if (meta.containsKey("signature")) {
                String json = "{\"signature\":\"" + meta.get("signature") + "\",\"signature-algorithm\":\""
                        + meta.get("signature-algorithm") + "\"}";
                Files.write(target.resolveSibling(target.getFileName() + ".metadata.json"),
                        json.getBytes(StandardCharsets.UTF_8));
            }
        }
        return dir;
    }
}
