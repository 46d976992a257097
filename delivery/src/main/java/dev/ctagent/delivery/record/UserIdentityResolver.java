package dev.ctagent.delivery.record;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.SerializedString;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * userIdentity of a served call, from the raw Authorization header and the container's principal.
 * The header, tokens, passwords and signatures are never written; only the identifiers below are.
 * First match wins:
 * <ol>
 *   <li>SigV4 ({@code AWS4-HMAC-SHA256 Credential=<AKID>/...}, also SigV4a) with a well-formed
 *       access key id: {@code {"type":"IAMUser"|"AssumedRole"|"Unknown","accessKeyId":...}} for
 *       {@code AKIA…} / {@code ASIA…} / other keys.</li>
 *   <li>{@code Bearer} JWT with {@code iss} and {@code sub} (unverified, see {@link JwtClaims}):
 *       {@code {"type":"WebIdentityUser","principalId":"iss:aud:sub","userName":sub,
 *       "identityProvider":iss}} ({@code iss:sub} when aud is not one string).</li>
 *   <li>The container's principal name: {@code {"type":"Unknown","principalId":n,"userName":n}}.</li>
 *   <li>{@code Basic} credentials: the same shape with the user name (never the password).</li>
 *   <li>Any other Authorization header (or one of the above that yields nothing, e.g. an opaque
 *       bearer token): {@code {"type":"Unknown"}}.</li>
 *   <li>No credentials: {@code {"type":"AWSAccount","principalId":"","accountId":"anonymous"}}, the
 *       shape CloudTrail uses for anonymous S3 callers.</li>
 * </ol>
 * Every string is capped at 1 KB.
 */
final class UserIdentityResolver {
    private static final SerializableString TYPE = new SerializedString("type");
    private static final SerializableString PRINCIPAL_ID = new SerializedString("principalId");
    private static final SerializableString USER_NAME = new SerializedString("userName");
    private static final SerializableString ACCESS_KEY_ID = new SerializedString("accessKeyId");
    private static final SerializableString IDENTITY_PROVIDER = new SerializedString("identityProvider");
    private static final SerializableString ACCOUNT_ID = new SerializedString("accountId");
    private static final String CREDENTIAL = "Credential=";
    private static final int MAX_BASIC_CHARS = 16 * 1024;

    private final JsonFactory factory;

    UserIdentityResolver(JsonFactory factory) {
        this.factory = factory;
    }

    void write(JsonGenerator g, String authorization, String principalName) throws IOException {
        String auth = authorization == null ? "" : authorization.trim();
        g.writeStartObject();
        if (!auth.isEmpty() && writeFromHeaderFirst(g, auth)) {
            g.writeEndObject();
            return;
        }
        if (principalName != null && !principalName.isEmpty()) {
            writeNamed(g, principalName);
            g.writeEndObject();
            return;
        }
        String basicUser = startsWithIgnoreCase(auth, "Basic ") ? basicUser(auth) : null;
        if (basicUser != null) {
            writeNamed(g, basicUser);
        } else if (!auth.isEmpty()) {
            g.writeFieldName(TYPE);
            g.writeString("Unknown");
        } else {
            g.writeFieldName(TYPE);
            g.writeString("AWSAccount");
            g.writeFieldName(PRINCIPAL_ID);
            g.writeString("");
            g.writeFieldName(ACCOUNT_ID);
            g.writeString("anonymous");
        }
        g.writeEndObject();
    }

    /** The schemes that outrank the container principal; false when {@code auth} yields nothing. */
    private boolean writeFromHeaderFirst(JsonGenerator g, String auth) throws IOException {
        if (auth.startsWith("AWS4-")) {
            String akid = sigV4AccessKeyId(auth);
            if (akid == null) {
                return false;
            }
            g.writeFieldName(TYPE);
            g.writeString(akid.startsWith("AKIA") ? "IAMUser" : akid.startsWith("ASIA") ? "AssumedRole" : "Unknown");
            g.writeFieldName(ACCESS_KEY_ID);
            g.writeString(akid);
            return true;
        }
        if (startsWithIgnoreCase(auth, "Bearer ")) {
            int from = 7;
            while (from < auth.length() && auth.charAt(from) <= ' ') {
                from++;
            }
            JwtClaims claims = JwtClaims.decode(auth, from, auth.length(), factory);
            if (claims == null || claims.issuer == null || claims.subject == null) {
                return false;
            }
            String principal = claims.audience == null ? claims.issuer + ':' + claims.subject
                    : claims.issuer + ':' + claims.audience + ':' + claims.subject;
            g.writeFieldName(TYPE);
            g.writeString("WebIdentityUser");
            g.writeFieldName(PRINCIPAL_ID);
            g.writeString(JsonText.capped(principal, JsonText.ONE_KB));
            g.writeFieldName(USER_NAME);
            g.writeString(JsonText.capped(claims.subject, JsonText.ONE_KB));
            g.writeFieldName(IDENTITY_PROVIDER);
            g.writeString(JsonText.capped(claims.issuer, JsonText.ONE_KB));
            return true;
        }
        return false;
    }

    private static void writeNamed(JsonGenerator g, String name) throws IOException {
        String n = JsonText.capped(name, JsonText.ONE_KB);
        g.writeFieldName(TYPE);
        g.writeString("Unknown");
        g.writeFieldName(PRINCIPAL_ID);
        g.writeString(n);
        g.writeFieldName(USER_NAME);
        g.writeString(n);
    }

    /** The access key id of a SigV4 header when it is 16-128 upper-case letters or digits, else null. */
    static String sigV4AccessKeyId(String auth) {
        int at = auth.indexOf(CREDENTIAL);
        if (at < 0) {
            return null;
        }
        int start = at + CREDENTIAL.length();
        int slash = auth.indexOf('/', start);
        int length = slash - start;
        if (slash < 0 || length < 16 || length > 128) {
            return null;
        }
        for (int i = start; i < slash; i++) {
            char c = auth.charAt(i);
            if (!((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))) {
                return null;
            }
        }
        return auth.substring(start, slash);
    }

    /** The user of {@code Basic base64(user:password)}, or null when it does not decode to that. */
    static String basicUser(String auth) {
        String encoded = auth.substring(6).trim();
        if (encoded.length() > MAX_BASIC_CHARS) {
            return null;
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return null;
        }
        int colon = decoded.indexOf(':');
        return colon > 0 ? decoded.substring(0, colon) : null;
    }

    private static boolean startsWithIgnoreCase(String s, String prefix) {
        return s.regionMatches(true, 0, prefix, 0, prefix.length());
    }
}
