package dev.ctagent.delivery.notify;

import com.amazonaws.services.sns.util.SignatureChecker;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.List;

/**
 * Checks an envelope's signature as a receiver would, sharing no code with the agent: the string to sign
 * rebuilt from the parsed JSON by SNS's documented rule, and the key taken from the published certificate
 * PEM by the JDK's own X.509 parser. {@link #bySdkV1} asks AWS's SDK v1 checker the same question.
 */
final class SnsSignatureCheck {
    /** SNS's documented order for a Notification; each present key contributes "key\nvalue\n". */
    private static final List<String> NOTIFICATION_KEYS =
            List.of("Message", "MessageId", "Subject", "Timestamp", "TopicArn", "Type");

    private SnsSignatureCheck() {}

    static X509Certificate certificate(byte[] pem) throws GeneralSecurityException {
        return (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(pem));
    }

    static String stringToSign(JsonNode envelope) {
        StringBuilder text = new StringBuilder();
        for (String key : NOTIFICATION_KEYS) {
            JsonNode value = envelope.get(key);
            if (value != null && !value.isNull()) {
                text.append(key).append('\n').append(value.textValue()).append('\n');
            }
        }
        return text.toString();
    }

    /** Whether {@code envelope}'s Signature is {@code key}'s, for its SignatureVersion (1: SHA-1, 2: SHA-256). */
    static boolean byTheDocumentedRule(ReceivedEnvelope envelope, PublicKey key) throws GeneralSecurityException {
        String algorithm;
        switch (String.valueOf(envelope.text("SignatureVersion"))) {
            case "1": algorithm = "SHA1withRSA"; break;
            case "2": algorithm = "SHA256withRSA"; break;
            default: return false;
        }
        Signature verifier = Signature.getInstance(algorithm);
        verifier.initVerify(key);
        verifier.update(stringToSign(envelope.json()).getBytes(StandardCharsets.UTF_8));
        return verifier.verify(Base64.getDecoder().decode(envelope.text("Signature")));
    }

    /**
     * AWS SDK for Java v1's {@code SignatureChecker}, which reads SignatureVersion 1 and 2 from the body. It
     * encodes the string to sign in the platform charset, so for non-ASCII text it agrees with SNS (UTF-8)
     * only where that charset is UTF-8: see {@link #sdkV1EncodesUtf8()}.
     */
    static boolean bySdkV1(ReceivedEnvelope envelope, PublicKey key) {
        return new SignatureChecker().verifyMessageSignature(envelope.body(), key);
    }

    /** Whether the SDK v1 checker signs text as UTF-8 here (the default from JDK 18 on, and with a UTF-8 locale). */
    static boolean sdkV1EncodesUtf8() {
        return StandardCharsets.UTF_8.equals(Charset.defaultCharset());
    }
}
