package dev.ctagent.delivery.record;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.ctagent.bridge.SdkModel;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

/**
 * userIdentity of an SDK call, from the credentials that signed it: the access key id, with
 * {@code AKIA…} an {@code IAMUser} and {@code ASIA…} an {@code AssumedRole}, in {@code ct.account.id}.
 * No call is made to find out more; but what the application itself learns from STS is remembered per
 * access key: GetCallerIdentity gives the key's account, ARN and principal id, AssumeRole gives the new
 * session key's role ARN and principal id (and its issuing role). Writer thread only.
 */
final class SdkIdentities {
    private static final int MAX_KNOWN = 4096;

    /** What STS said about one access key. */
    private static final class Known {
        final String accountId;
        final String arn;
        final String principalId;

        Known(String accountId, String arn, String principalId) {
            this.accountId = accountId;
            this.arn = arn;
            this.principalId = principalId;
        }
    }

    private final String defaultAccount;
    private final Map<String, Known> known = new HashMap<>();

    SdkIdentities(String defaultAccount) {
        this.defaultAccount = defaultAccount;
    }

    /** Remembers what a successful STS call says about an access key. */
    void learn(String service, String operation, SdkModel model, Object response, String accessKeyId) {
        if (!"sts".equals(service) || response == null) {
            return;
        }
        if ("GetCallerIdentity".equals(operation) && accessKeyId != null) {
            String arn = model.member(response, "Arn");
            remember(accessKeyId, model.member(response, "Account"), arn, model.member(response, "UserId"));
        } else if (operation.startsWith("AssumeRole")) {
            String newKey = model.member(response, "Credentials.AccessKeyId");
            String arn = model.member(response, "AssumedRoleUser.Arn");
            if (newKey != null && arn != null) {
                remember(newKey, accountOf(arn), arn, model.member(response, "AssumedRoleUser.AssumedRoleId"));
            }
        }
    }

    private void remember(String accessKeyId, String accountId, String arn, String principalId) {
        if (known.size() >= MAX_KNOWN) {
            known.clear(); // a bound, not a cache policy: keys this many are rotated ones
        }
        known.put(accessKeyId, new Known(JsonText.capped(accountId, JsonText.ONE_KB),
                JsonText.capped(arn, JsonText.ONE_KB), JsonText.capped(principalId, JsonText.ONE_KB)));
    }

    /** The account the call's identity belongs to: learned, else {@code ct.account.id}. */
    String accountOf(String accessKeyId, String fallback) {
        Known k = accessKeyId == null ? null : known.get(accessKeyId);
        return k != null && k.accountId != null ? k.accountId : fallback;
    }

    void write(JsonGenerator g, String accessKeyId, boolean session) throws IOException {
        g.writeStartObject();
        if (accessKeyId == null || accessKeyId.isEmpty()) {
            // unsigned (anonymous) calls: the shape CloudTrail uses for anonymous S3 callers
            g.writeStringField("type", "AWSAccount");
            g.writeStringField("principalId", "");
            g.writeStringField("accountId", "anonymous");
            g.writeEndObject();
            return;
        }
        String akid = JsonText.capped(accessKeyId, JsonText.ONE_KB);
        Known k = known.get(accessKeyId);
        String arn = k == null ? null : k.arn;
        String type = typeOf(akid, session, arn);
        g.writeStringField("type", type);
        if (k != null && k.principalId != null) {
            g.writeStringField("principalId", k.principalId);
        }
        if (arn != null) {
            g.writeStringField("arn", arn);
        }
        g.writeStringField("accountId", k != null && k.accountId != null ? k.accountId : defaultAccount);
        g.writeStringField("accessKeyId", akid);
        if ("IAMUser".equals(type) && arn != null && arn.contains(":user/")) {
            g.writeStringField("userName", arn.substring(arn.lastIndexOf('/') + 1));
        }
        if ("AssumedRole".equals(type) && arn != null) {
            writeSessionIssuer(g, arn, k.principalId);
        }
        g.writeEndObject();
    }

    private static String typeOf(String akid, boolean session, String arn) {
        if (arn != null) {
            if (arn.contains(":assumed-role/")) {
                return "AssumedRole";
            }
            if (arn.contains(":user/")) {
                return "IAMUser";
            }
            if (arn.endsWith(":root")) {
                return "Root";
            }
            if (arn.contains(":federated-user/")) {
                return "FederatedUser";
            }
        }
        if (akid.startsWith("AKIA")) {
            return "IAMUser";
        }
        if (akid.startsWith("ASIA") || session) {
            return "AssumedRole";
        }
        return "Unknown";
    }

    /** {@code arn:aws:sts::A:assumed-role/R/S} was issued by role {@code arn:aws:iam::A:role/R}. */
    private static void writeSessionIssuer(JsonGenerator g, String assumedRoleArn, String principalId)
            throws IOException {
        int at = assumedRoleArn.indexOf(":assumed-role/");
        int slash = assumedRoleArn.indexOf('/', at + ":assumed-role/".length());
        String account = accountOf(assumedRoleArn);
        String[] arnParts = assumedRoleArn.split(":", 3);
        if (at < 0 || slash < 0 || account == null || arnParts.length < 3) {
            return;
        }
        String role = assumedRoleArn.substring(at + ":assumed-role/".length(), slash);
        g.writeObjectFieldStart("sessionContext");
        g.writeObjectFieldStart("sessionIssuer");
        g.writeStringField("type", "Role");
        if (principalId != null && principalId.indexOf(':') > 0) {
            g.writeStringField("principalId", JsonText.capped(principalId.substring(0, principalId.indexOf(':')),
                    JsonText.ONE_KB));
        }
        g.writeStringField("arn", JsonText.capped("arn:" + arnParts[1] + ":iam::" + account + ":role/" + role,
                JsonText.ONE_KB));
        g.writeStringField("accountId", account);
        g.writeStringField("userName", JsonText.capped(role, JsonText.ONE_KB));
        g.writeEndObject();
        g.writeEndObject();
    }

    /** The account field of an ARN ({@code arn:partition:service:region:account:...}), or null. */
    static String accountOf(String arn) {
        String[] parts = arn.split(":", 6);
        return parts.length >= 6 && !parts[4].isEmpty() ? parts[4] : null;
    }
}
