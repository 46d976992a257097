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
 *
 * <p>Also hidden, always: members today's service models mark sensitive but that older SDK versions'
 * models did not (SDK v1 1.11's SSM {@code PutParameter} value), where the SDK's own mark cannot be seen.
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

    private static final Map<String, Set<String>> SENSITIVE_BEFORE_MARKED = new HashMap<>();

    static {
        SENSITIVE_BEFORE_MARKED.put("ssm", set("value"));
    }

    private final boolean recorded;
    private final Map<String, Set<String>> hidden = new HashMap<>();

    SdkPayloads(boolean recorded) {
        this.recorded = recorded;
    }

    /** The members hidden in calls to the service of signing name {@code service}. Writer thread only. */
    Set<String> of(String service) {
        Set<String> h = hidden.get(service);
        if (h == null) {
            Set<String> all = new HashSet<>(SENSITIVE_BEFORE_MARKED.getOrDefault(service, Collections.emptySet()));
            if (!recorded) {
                all.addAll(BY_SERVICE.getOrDefault(service, Collections.emptySet()));
            }
            h = all.isEmpty() ? Collections.emptySet() : Collections.unmodifiableSet(all);
            if (hidden.size() < 1024) {
                hidden.put(service, h);
            }
        }
        return h;
    }

    private static Set<String> set(String... names) {
        return Collections.unmodifiableSet(new HashSet<>(Arrays.asList(names)));
    }
}
