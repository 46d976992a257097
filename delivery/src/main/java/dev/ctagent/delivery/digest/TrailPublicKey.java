package dev.ctagent.delivery.digest;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.RSAPublicKeySpec;
import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;
import org.bouncycastle.util.encoders.Hex;

/**
 * A public key digests of a trail can be checked with, in the form CloudTrail's ListPublicKeys returns it
 * (cloudtrail-formats.md §2.6): PKCS#1 RSAPublicKey DER, fingerprinted as lower-case hex MD5 of those exact
 * bytes, with a validity window. {@code validityEnd} is null while the key is the one signing.
 */
public final class TrailPublicKey {
    private final byte[] pkcs1Der;
    private final String fingerprint;
    private final Instant validityStart;
    private final Instant validityEnd;

    public TrailPublicKey(byte[] pkcs1Der, Instant validityStart, Instant validityEnd) {
        this.pkcs1Der = pkcs1Der.clone();
        this.fingerprint = fingerprint(pkcs1Der);
        this.validityStart = Objects.requireNonNull(validityStart, "validityStart");
        this.validityEnd = validityEnd;
    }

    public static TrailPublicKey of(RSAPublicKey key, Instant validityStart) {
        return new TrailPublicKey(pkcs1Der(key), validityStart, null);
    }

    /** PKCS#1 {@code RSAPublicKey ::= SEQUENCE { modulus, publicExponent }}, DER. */
    public static byte[] pkcs1Der(RSAPublicKey key) {
        try {
            return new org.bouncycastle.asn1.pkcs.RSAPublicKey(key.getModulus(), key.getPublicExponent()).getEncoded();
        } catch (java.io.IOException e) {
            throw new IllegalStateException("encoding an RSA public key", e);
        }
    }

    /** Lower-case hex MD5 of the DER bytes, as CloudTrail's {@code digestPublicKeyFingerprint}. */
    public static String fingerprint(byte[] der) {
        try {
            return Hex.toHexString(MessageDigest.getInstance("MD5").digest(der));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 is a required JCA algorithm", e);
        }
    }

    /** The JCA key for verifying; throws when the bytes are not a PKCS#1 RSA public key. */
    public RSAPublicKey toRsaPublicKey() throws GeneralSecurityException {
        org.bouncycastle.asn1.pkcs.RSAPublicKey asn1;
        try {
            asn1 = org.bouncycastle.asn1.pkcs.RSAPublicKey.getInstance(pkcs1Der);
        } catch (RuntimeException e) {
            throw new GeneralSecurityException("Unable to load PKCS #1 key with fingerprint " + fingerprint, e);
        }
        BigInteger n = asn1.getModulus();
        BigInteger e = asn1.getPublicExponent();
        return (RSAPublicKey) KeyFactory.getInstance("RSA").generatePublic(new RSAPublicKeySpec(n, e));
    }

    public byte[] pkcs1Der() { return pkcs1Der.clone(); }
    public String fingerprint() { return fingerprint; }
    public Instant validityStart() { return validityStart; }
    /** Null while the key is still the one signing new digests. */
    public Instant validityEnd() { return validityEnd; }

    public TrailPublicKey endingAt(Instant end) {
        return new TrailPublicKey(pkcs1Der, validityStart, end);
    }

    /** Whether the key was valid at some moment in [start, end]. */
    public boolean overlaps(Instant start, Instant end) {
        return !validityStart.isAfter(end) && (validityEnd == null || !validityEnd.isBefore(start));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TrailPublicKey && Arrays.equals(pkcs1Der, ((TrailPublicKey) o).pkcs1Der)
                && validityStart.equals(((TrailPublicKey) o).validityStart)
                && Objects.equals(validityEnd, ((TrailPublicKey) o).validityEnd);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(pkcs1Der);
    }

    @Override
    public String toString() {
        return "TrailPublicKey[" + fingerprint + ", " + validityStart + " .. " + validityEnd + "]";
    }
}
