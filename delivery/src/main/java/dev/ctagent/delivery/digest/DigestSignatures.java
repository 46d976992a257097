package dev.ctagent.delivery.digest;

import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import org.bouncycastle.util.encoders.Hex;

/** SHA256withRSA (RSASSA-PKCS1-v1_5) over a {@link SigningString}, as lower-case hex. JCA only. */
public final class DigestSignatures {
    /** The value of a digest's {@code digestSignatureAlgorithm} and of the {@code signature-algorithm} metadata. */
    public static final String ALGORITHM = "SHA256withRSA";

    private DigestSignatures() {}

    public static String sign(PrivateKey key, byte[] signingString) throws GeneralSecurityException {
        Signature s = Signature.getInstance(ALGORITHM);
        s.initSign(key);
        s.update(signingString);
        return Hex.toHexString(s.sign());
    }

    /** False for a wrong signature, and for text that is not hex. */
    public static boolean verify(PublicKey key, byte[] signingString, String signatureHex)
            throws GeneralSecurityException {
        byte[] signature;
        if (signatureHex.isEmpty() || signatureHex.length() % 2 != 0 || !signatureHex.matches("[0-9A-Fa-f]+")) {
            return false;
        }
        signature = Hex.decode(signatureHex);
        Signature s = Signature.getInstance(ALGORITHM);
        s.initVerify(key);
        s.update(signingString);
        try {
            return s.verify(signature);
        } catch (java.security.SignatureException malformed) {
            return false;
        }
    }
}
