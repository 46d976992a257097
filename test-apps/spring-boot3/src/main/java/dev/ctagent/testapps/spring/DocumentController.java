package dev.ctagent.testapps.spring;

import java.util.Map;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;

/**
 * A served call that makes exactly one AWS SDK v2 call (S3 HeadObject) — the request the overhead comparison
 * (benchmarks/compare) drives: with ct-agent it becomes two CloudTrail records, the served GetOwnerDocument
 * and s3 HeadObject. Present only with {@code bench.s3.endpoint} (see {@link DocumentConfig}).
 */
@RestController
@ConditionalOnProperty("bench.s3.endpoint")
class DocumentController {
    private final S3Client s3;
    private final String bucket;

    DocumentController(S3Client s3, @Value("${bench.s3.bucket:bench-bucket}") String bucket) {
        this.s3 = s3;
        this.bucket = bucket;
    }

    @GetMapping("/owners/{ownerId}/document")
    Map<String, Object> getOwnerDocument(@PathVariable long ownerId) {
        HeadObjectResponse head = s3.headObject(r -> r.bucket(bucket).key("owners/" + ownerId + ".json"));
        return Map.of("ownerId", ownerId, "eTag", String.valueOf(head.eTag()), "lastModified", String.valueOf(head.lastModified()));
    }
}
