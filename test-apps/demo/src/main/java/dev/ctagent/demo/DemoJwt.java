package dev.ctagent.demo;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A small HS256 JWT such as an identity provider would issue. The agent reads its claims for userIdentity
 * (and never writes the token itself); nobody verifies the signature in the demo.
 */
final class DemoJwt {
    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();
    private static final byte[] DEMO_SECRET = "demo-secret-not-for-production".getBytes(StandardCharsets.UTF_8);

    static String signed(String subject, String issuer) {
        long now = Instant.now().getEpochSecond();
        String header = "{\"alg\":\"HS256\",\"typ\":\"JWT\"}";
        String claims = "{\"sub\":\"" + subject + "\",\"iss\":\"" + issuer + "\",\"iat\":" + now
                + ",\"exp\":" + (now + 3600) + "}";
        String signingInput = encode(header.getBytes(StandardCharsets.UTF_8)) + "."
                + encode(claims.getBytes(StandardCharsets.UTF_8));
        return signingInput + "." + encode(hmacSha256(signingInput));
    }

    private static byte[] hmacSha256(String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(DEMO_SECRET, "HmacSHA256"));
            return mac.doFinal(data.getBytes(StandardCharsets.US_ASCII));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String encode(byte[] bytes) {
        return BASE64URL.encodeToString(bytes);
    }

    private DemoJwt() {
    }
}
