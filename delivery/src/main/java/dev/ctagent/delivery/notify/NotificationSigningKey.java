package dev.ctagent.delivery.notify;

import dev.ctagent.delivery.digest.SigningKeyFile;
import dev.ctagent.runtime.config.ConfigException;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.util.encoders.Hex;
import org.bouncycastle.util.io.pem.PemObject;
import org.bouncycastle.util.io.pem.PemReader;
import org.bouncycastle.util.io.pem.PemWriter;

/**
 * The key webhook notifications are signed with ({@code ct.notify.signingKey}, an RSA PEM file handled like
 * the digest key: created on first use, owner-only) and the self-signed X.509 certificate a receiver checks
 * them with, the one an envelope's {@code SigningCertURL} points to.
 *
 * <p>The certificate lives next to the key ({@code notification-private-key.pem} →
 * {@code notification-certificate.pem}) so that it, and the URL it is published under, stay the same across
 * restarts; it is made again when missing, unreadable or not for this key. A certificate of the operator's
 * own for the same key (say, issued by their CA) is kept as it is.
 */
public final class NotificationSigningKey {
    static final String CONFIG_KEY = "ct.notify.signingKey";
    static final String SUBJECT = "CN=ct-agent notifications";
    static final String SIGNATURE_ALGORITHM = "SHA256withRSA";
    /** RFC 5280 §4.1.2.5's value for "no well-defined expiration date": the key, not the date, is what matters. */
    static final Instant NOT_AFTER = Instant.parse("9999-12-31T23:59:59Z");
    /** notBefore is back-dated so a receiver whose clock is behind ours does not see a not-yet-valid certificate. */
    static final Duration CLOCK_SKEW = Duration.ofDays(1);
    private static final String PEM_TYPE = "CERTIFICATE";

    private final PrivateKey privateKey;
    private final RSAPublicKey publicKey;
    private final byte[] certificateDer;
    private final byte[] certificatePem;
    private final Path certificateFile;

    private NotificationSigningKey(PrivateKey privateKey, RSAPublicKey publicKey, byte[] certificateDer,
            byte[] certificatePem, Path certificateFile) {
        this.privateKey = privateKey;
        this.publicKey = publicKey;
        this.certificateDer = certificateDer;
        this.certificatePem = certificatePem;
        this.certificateFile = certificateFile;
    }

    /** Reads the key and its certificate, creating either when missing. Errors name {@code ct.notify.signingKey}. */
    public static NotificationSigningKey loadOrCreate(Path keyFile) throws ConfigException {
        SigningKeyFile.Loaded key = new SigningKeyFile(keyFile, CONFIG_KEY).loadOrCreate();
        Path certificateFile = certificateFileFor(keyFile);
        byte[] der = readCertificateFor(certificateFile, key.publicKey());
        if (der == null) {
            try {
                der = selfSigned(key, Instant.now());
                writeAtomically(certificateFile, pem(der));
            } catch (IOException | OperatorCreationException e) {
                throw new ConfigException(CONFIG_KEY, keyFile.toString(),
                        "cannot create the notification certificate " + certificateFile + ": " + e);
            }
        }
        return new NotificationSigningKey(key.privateKey(), key.publicKey(), der, pem(der), certificateFile);
    }

    /** {@code <dir>/notification-private-key.pem} → {@code <dir>/notification-certificate.pem}; else {@code <name>-certificate.pem}. */
    static Path certificateFileFor(Path keyFile) {
        String name = keyFile.getFileName().toString();
        String stem = name.endsWith(".pem") ? name.substring(0, name.length() - 4) : name;
        stem = stem.endsWith("private-key") ? stem.substring(0, stem.length() - "private-key".length()) + "certificate"
                : stem + "-certificate";
        return keyFile.resolveSibling(stem + ".pem");
    }

    /** SHA256withRSA over {@code data}: SNS's SignatureVersion 2. */
    public byte[] sign(byte[] data) {
        try {
            Signature signature = Signature.getInstance(SIGNATURE_ALGORITHM);
            signature.initSign(privateKey);
            signature.update(data);
            return signature.sign();
        } catch (GeneralSecurityException e) {
            // every JDK has SHA256withRSA, and the key was checked to be RSA when it was loaded
            throw new IllegalStateException("cannot sign with the notification key", e);
        }
    }

    public RSAPublicKey publicKey() { return publicKey; }

    /** The certificate as PEM ({@code -----BEGIN CERTIFICATE-----}), what {@code SigningCertURL} must serve. */
    public byte[] certificatePem() { return certificatePem.clone(); }

    /** The certificate's DER bytes. */
    public byte[] certificateDer() { return certificateDer.clone(); }

    /** Where the certificate is kept next to the key. */
    public Path certificateFile() { return certificateFile; }

    /**
     * A name to publish the certificate under, in SNS's style and unique per certificate:
     * {@code SimpleNotificationService-<SHA-1 of the DER, hex>.pem}.
     */
    public String certificateObjectKey() {
        try {
            return "SimpleNotificationService-" + Hex.toHexString(MessageDigest.getInstance("SHA-1").digest(certificateDer))
                    + ".pem";
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-1 is missing from this JDK", e);
        }
    }

    /** The DER of the certificate in {@code file} if it is one for {@code publicKey}, else null (to be made anew). */
    private static byte[] readCertificateFor(Path file, RSAPublicKey publicKey) {
        if (!Files.isRegularFile(file)) {
            return null;
        }
        try (PemReader reader = new PemReader(new StringReader(Files.readString(file, StandardCharsets.US_ASCII)))) {
            PemObject object = reader.readPemObject();
            if (object == null || !PEM_TYPE.equals(object.getType())) {
                return null;
            }
            X509CertificateHolder certificate = new X509CertificateHolder(object.getContent());
            return certificate.getSubjectPublicKeyInfo().equals(SubjectPublicKeyInfo.getInstance(publicKey.getEncoded()))
                    ? object.getContent() : null;
        } catch (IOException | RuntimeException unreadable) {
            return null; // damaged or not a certificate: replaced by a fresh one
        }
    }

    static byte[] selfSigned(SigningKeyFile.Loaded key, Instant now) throws IOException, OperatorCreationException {
        X500Name subject = new X500Name(SUBJECT);
        byte[] serial = new byte[16]; // RFC 5280: positive, at most 20 octets, unpredictable
        new SecureRandom().nextBytes(serial);
        X509v3CertificateBuilder builder = new X509v3CertificateBuilder(subject, new BigInteger(1, serial),
                Date.from(now.minus(CLOCK_SKEW).truncatedTo(ChronoUnit.SECONDS)), Date.from(NOT_AFTER), subject,
                SubjectPublicKeyInfo.getInstance(key.publicKey().getEncoded()))
                // a leaf that signs messages, never other certificates
                .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
        return builder.build(new JcaContentSignerBuilder(SIGNATURE_ALGORITHM).build(key.privateKey())).getEncoded();
    }

    static byte[] pem(byte[] der) {
        StringWriter out = new StringWriter();
        try (PemWriter writer = new PemWriter(out)) {
            writer.writeObject(new PemObject(PEM_TYPE, der));
        } catch (IOException e) {
            throw new IllegalStateException(e); // a StringWriter does not fail
        }
        return out.toString().getBytes(StandardCharsets.US_ASCII);
    }

    /** Whole file or nothing: a reader (another agent on the same key) never sees half a certificate. */
    private static void writeAtomically(Path file, byte[] bytes) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Path tmp = Files.createTempFile(dir, "." + file.getFileName(), ".new");
        try {
            Files.write(tmp, bytes);
            if (Files.getFileAttributeView(tmp, PosixFileAttributeView.class) != null) {
                // a temporary file starts owner-only; a certificate is public, for whoever serves or checks it
                Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-r--r--"));
            }
            try {
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    @Override
    public String toString() {
        return "NotificationSigningKey[" + certificateFile + ", " + certificateObjectKey() + "]";
    }
}
