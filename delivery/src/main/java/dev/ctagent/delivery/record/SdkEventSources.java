package dev.ctagent.delivery.record;

import java.util.HashMap;
import java.util.Map;

/**
 * eventSource of an SDK call: CloudTrail names a service by its endpoint name, which for almost every
 * service is the SDK's signing name plus {@code .amazonaws.com} ({@code s3}, {@code dynamodb},
 * {@code sqs}, {@code sts}, {@code secretsmanager}, {@code monitoring}, {@code states}...). The table
 * holds only the services CloudTrail names otherwise. Writer thread only.
 */
final class SdkEventSources {
    private static final Map<String, String> EXCEPTIONS = new HashMap<>();

    static {
        EXCEPTIONS.put("rds-data", "rdsdata.amazonaws.com");
        EXCEPTIONS.put("email", "ses.amazonaws.com");
        EXCEPTIONS.put("mobiletargeting", "pinpoint.amazonaws.com");
        EXCEPTIONS.put("awsssooidc", "sso-oauth.amazonaws.com");
        EXCEPTIONS.put("aps", "aps.amazonaws.com");
    }

    private final Map<String, String> cache = new HashMap<>();

    String of(String signingName) {
        String s = cache.get(signingName);
        if (s == null) {
            s = EXCEPTIONS.getOrDefault(signingName, signingName + ".amazonaws.com");
            if (cache.size() < 1024) {
                cache.put(signingName, s);
            }
        }
        return s;
    }
}
