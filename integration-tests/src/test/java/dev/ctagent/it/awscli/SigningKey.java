package dev.ctagent.it.awscli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.util.Base64;
import java.util.HexFormat;

/**
 * An RSA-2048 key pair a test signs digests with, independently of the agent's code, exactly as CloudTrail
 * does (cloudtrail-formats.md §2.5, §2.6): SHA256withRSA over
 * {@code digestEndTime \n digestS3Bucket/digestS3Object \n sha256hex(digest bytes) \n previousDigestSignature},
 * the public key as PKCS#1 DER fingerprinted by lower-case hex MD5.
 */
public final class SigningKey {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final KeyPair pair;
    private final byte[] pkcs1;

    private SigningKey(KeyPair pair) {
        this.pair = pair;
        RSAPublicKey pub = (RSAPublicKey) pair.getPublic();
        this.pkcs1 = sequence(integer(pub.getModulus()), integer(pub.getPublicExponent()));
    }

    public static SigningKey generate() {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
            g.initialize(2048);
            return new SigningKey(g.generateKeyPair());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The private key as an unencrypted PKCS#8 PEM ({@code -----BEGIN PRIVATE KEY-----}), what the agent reads. */
    public String pkcs8Pem() {
        String b64 = Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(pair.getPrivate().getEncoded());
        return "-----BEGIN PRIVATE KEY-----\n" + b64 + "\n-----END PRIVATE KEY-----\n";
    }

    /** PKCS#1 {@code RSAPublicKey} DER. */
    public byte[] pkcs1Der() {
        return pkcs1.clone();
    }

    public String fingerprint() {
        return hex(digest("MD5", pkcs1));
    }

    /** The hex signature of a digest's uncompressed JSON bytes, read the way the AWS CLI reads them. */
    public String sign(byte[] digestJson) throws IOException {
        JsonNode d = JSON.readTree(digestJson);
        JsonNode prev = d.get("previousDigestSignature");
        String toSign = d.get("digestEndTime").asText() + "\n" + d.get("digestS3Bucket").asText() + "/"
                + d.get("digestS3Object").asText() + "\n" + hex(digest("SHA-256", digestJson)) + "\n"
                + (prev == null || prev.isNull() ? "null" : prev.asText());
        try {
            Signature s = Signature.getInstance("SHA256withRSA");
            s.initSign(pair.getPrivate());
            s.update(toSign.getBytes(StandardCharsets.UTF_8));
            return hex(s.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] digest(String algorithm, byte[] bytes) {
        try {
            return MessageDigest.getInstance(algorithm).digest(bytes);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String hex(byte[] b) {
        return HexFormat.of().formatHex(b);
    }

    private static byte[] integer(BigInteger v) {
        return tlv(0x02, v.toByteArray()); // two's complement, minimal: the DER content of an INTEGER
    }

    private static byte[] sequence(byte[]... parts) {
        ByteArrayOutputStream content = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            content.writeBytes(p);
        }
        return tlv(0x30, content.toByteArray());
    }

    private static byte[] tlv(int tag, byte[] content) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(tag);
        int n = content.length;
        if (n < 0x80) {
            out.write(n);
        } else if (n < 0x100) {
            out.write(0x81);
            out.write(n);
        } else {
            out.write(0x82);
            out.write(n >> 8);
            out.write(n & 0xff);
        }
        out.writeBytes(content);
        return out.toByteArray();
    }
}
