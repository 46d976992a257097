package dev.ctagent.delivery.record;

import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Members that carry what an application sends through a service rather than parameters of the call:
 * SQS and SNS message bodies, EventBridge event details, DynamoDB items and attribute values. They are
 * written as {@value Redaction#HIDDEN} (as CloudTrail hides SNS messages) unless
 * {@code ct.capture.awsSdk.messageBodies=true}. Object bodies and other blobs never reach a record at all.
 */
final class SdkPayloads {
    private static final Map<String, Set<String>> BY_SERVICE = new HashMap<>();

    static {
        BY_SERVICE.put("sqs", set("messageBody", "body"));
        BY_SERVICE.put("sns", set("message"));
        BY_SERVICE.put("events", set("detail"));
        BY_SERVICE.put("dynamodb", set("item", "items", "attributes", "expressionAttributeValues",
                "attributeUpdates", "parameters"));
    }

    private final boolean recorded;

    SdkPayloads(boolean recorded) {
        this.recorded = recorded;
    }

    /** The members hidden in calls to the service of signing name {@code service}. */
    Set<String> of(String service) {
        return recorded ? Collections.emptySet() : BY_SERVICE.getOrDefault(service, Collections.emptySet());
    }

    private static Set<String> set(String... names) {
        return Collections.unmodifiableSet(new HashSet<>(Arrays.asList(names)));
    }
}
