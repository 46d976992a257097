package dev.ctagent.delivery.record;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.Base64;

/**
 * The identity claims of a bearer JWT ({@code iss}, {@code sub}, {@code aud} when it is a single
 * string). The signature is NOT verified: the agent has no keys and must not reject calls, so the
 * claims are recorded as the caller presented them. Whether the application accepted the token is
 * visible in errorCode. Nothing else from the token is kept.
 */
final class JwtClaims {
    /** Real tokens are a few kilobytes; anything bigger is not decoded. */
    static final int MAX_TOKEN_CHARS = 16 * 1024;

    final String issuer;
    final String subject;
    final String audience;

    private JwtClaims(String issuer, String subject, String audience) {
        this.issuer = issuer;
        this.subject = subject;
        this.audience = audience;
    }

    /**
     * The claims of {@code token} when it is three dot-separated base64url parts whose middle part is
     * a JSON object; null for anything else. Non-string claims count as absent.
     */
    static JwtClaims decode(String token, JsonFactory factory) {
        if (token.length() > MAX_TOKEN_CHARS) {
            return null;
        }
        int dot1 = token.indexOf('.');
        int dot2 = dot1 < 0 ? -1 : token.indexOf('.', dot1 + 1);
        if (dot1 <= 0 || dot2 <= dot1 + 1 || token.indexOf('.', dot2 + 1) >= 0) {
            return null;
        }
        byte[] payload;
        try {
            Base64.getUrlDecoder().decode(token.substring(0, dot1)); // the header must decode too
            payload = Base64.getUrlDecoder().decode(token.substring(dot1 + 1, dot2));
            if (dot2 + 1 < token.length()) {
                Base64.getUrlDecoder().decode(token.substring(dot2 + 1));
            }
        } catch (IllegalArgumentException e) {
            return null;
        }
        String iss = null;
        String sub = null;
        String aud = null;
        try (JsonParser p = factory.createParser(payload)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken value = p.nextToken();
                if (value == JsonToken.VALUE_STRING) {
                    if ("iss".equals(name)) {
                        iss = p.getText();
                    } else if ("sub".equals(name)) {
                        sub = p.getText();
                    } else if ("aud".equals(name)) {
                        aud = p.getText();
                    }
                } else {
                    p.skipChildren();
                }
            }
        } catch (IOException | RuntimeException e) {
            return null;
        }
        return new JwtClaims(nonEmpty(iss), nonEmpty(sub), nonEmpty(aud));
    }

    private static String nonEmpty(String s) {
        return s == null || s.isEmpty() ? null : s;
    }
}
