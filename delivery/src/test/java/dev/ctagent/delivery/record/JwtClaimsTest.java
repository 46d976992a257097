package dev.ctagent.delivery.record;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonFactory;
import java.util.Base64;
import java.util.Random;
import org.junit.jupiter.api.Test;

class JwtClaimsTest {
    private static final JsonFactory JSON = new JsonFactory();

    @Test
    void theInPlaceBase64UrlCheckAcceptsExactlyWhatTheJdkDecoderAccepts() {
        Random random = new Random(7);
        String alphabet = "AZaz09-_=+/. x";
        int accepted = 0;
        for (int n = 0; n < 200_000; n++) {
            int length = random.nextInt(10);
            StringBuilder b = new StringBuilder();
            for (int i = 0; i < length; i++) {
                b.append(random.nextInt(4) == 0 ? '=' : alphabet.charAt(random.nextInt(alphabet.length())));
            }
            String s = "[" + b + "]";
            boolean jdk;
            try {
                Base64.getUrlDecoder().decode(b.toString());
                jdk = true;
            } catch (IllegalArgumentException e) {
                jdk = false;
            }
            assertThat(JwtClaims.isBase64Url(s, 1, s.length() - 1)).as("'%s'", b).isEqualTo(jdk);
            accepted += jdk ? 1 : 0;
        }
        assertThat(accepted).as("the sample holds both kinds").isBetween(1_000, 199_000);
    }

    @Test
    void aTokenInsideAHeaderIsDecodedInPlace() {
        String token = UserIdentityTest.jwt("{\"iss\":\"i\",\"sub\":\"s\",\"aud\":\"a\"}");
        String header = "Bearer   " + token;
        JwtClaims c = JwtClaims.decode(header, 9, header.length(), JSON);
        assertThat(c.issuer + c.subject + c.audience).isEqualTo("isa");
        assertThat(JwtClaims.decode(header + ".x", 9, header.length() + 2, JSON)).as("a fourth part").isNull();
        assertThat(JwtClaims.decode(header, 9, header.length() - token.length() + token.lastIndexOf('.'), JSON))
                .as("no third part").isNull();
        assertThat(JwtClaims.decode("Bearer !" + token.substring(1), 7, 7 + token.length(), JSON))
                .as("a header part that is no base64url").isNull();
    }
}
