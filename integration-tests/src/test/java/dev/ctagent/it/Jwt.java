package dev.ctagent.it;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** Builds an (unsigned-looking) JWT for identity tests; the agent records claims, never the token. */
final class Jwt {
    private Jwt() {}

    static String bearer(String sub, String iss, String signature) {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        String header = b64.encodeToString("{\"alg\":\"RS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
        String payload = b64.encodeToString(("{\"sub\":\"" + sub + "\",\"iss\":\"" + iss + "\",\"aud\":\"orders\"}")
                .getBytes(StandardCharsets.UTF_8));
        return "Bearer " + header + "." + payload + "." + b64.encodeToString(signature.getBytes(StandardCharsets.UTF_8));
    }
}
