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
        return decode(token, 0, token.length(), factory);
    }

    /**
     * The same for the token at {@code [from, to)} of {@code text} (e.g. after "Bearer "): the writer sees
     * thousands of tokens a second, so only the payload is copied — header and signature are checked in
     * place.
     */
    static JwtClaims decode(String text, int from, int to, JsonFactory factory) {
        if (to - from > MAX_TOKEN_CHARS) {
            return null;
        }
        int dot1 = text.indexOf('.', from);
        int dot2 = dot1 < 0 || dot1 >= to ? -1 : text.indexOf('.', dot1 + 1);
        if (dot1 <= from || dot2 <= dot1 + 1 || dot2 >= to) {
            return null;
        }
        int dot3 = text.indexOf('.', dot2 + 1);
        if (dot3 >= 0 && dot3 < to) {
            return null;
        }
        if (!isBase64Url(text, from, dot1) || !isBase64Url(text, dot2 + 1, to)) {
            return null;
        }
        byte[] payload;
        try {
            payload = Base64.getUrlDecoder().decode(text.substring(dot1 + 1, dot2));
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

    /**
     * Whether {@code [from, to)} is what {@link Base64#getUrlDecoder()} accepts: the base64url alphabet, a
     * length that is not 1 more than a multiple of 4, '=' padding only at the end and only to a multiple of 4.
     */
    static boolean isBase64Url(String s, int from, int to) {
        int end = to;
        while (end > from && s.charAt(end - 1) == '=') {
            end--;
        }
        int padding = to - end;
        if (padding > 2 || (padding > 0 && (to - from) % 4 != 0) || (end - from) % 4 == 1) {
            return false;
        }
        for (int i = from; i < end; i++) {
            char c = s.charAt(i);
            if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-'
                    || c == '_')) {
                return false;
            }
        }
        return true;
    }

    private static String nonEmpty(String s) {
        return s == null || s.isEmpty() ? null : s;
    }
}
