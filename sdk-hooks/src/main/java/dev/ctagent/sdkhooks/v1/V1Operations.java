package dev.ctagent.sdkhooks.v1;

import java.util.HashMap;
import java.util.Map;

/**
 * Operation names for SDK v1 versions that do not name the operation themselves: the request class's
 * name without {@code Request}, except for the hand-written S3 client whose request classes are not
 * named after the S3 API's operations.
 */
final class V1Operations {
    private static final Map<String, String> S3_RENAMES = new HashMap<>();

    static {
        S3_RENAMES.put("GetObjectMetadata", "HeadObject");
        S3_RENAMES.put("InitiateMultipartUpload", "CreateMultipartUpload");
        S3_RENAMES.put("ListVersions", "ListObjectVersions");
        S3_RENAMES.put("DeleteVersion", "DeleteObject");
        S3_RENAMES.put("CopyPart", "UploadPartCopy");
        S3_RENAMES.put("ListNextBatchOfObjects", "ListObjects");
        S3_RENAMES.put("ListNextBatchOfVersions", "ListObjectVersions");
    }

    private V1Operations() {}

    static String cloudTrailName(String fromClassName) {
        String renamed = S3_RENAMES.get(fromClassName);
        if (renamed != null) {
            return renamed;
        }
        if (fromClassName.startsWith("SetBucket") || fromClassName.startsWith("SetObject")) {
            return "Put" + fromClassName.substring("Set".length()); // SetBucketPolicy -> PutBucketPolicy
        }
        return fromClassName;
    }
}
