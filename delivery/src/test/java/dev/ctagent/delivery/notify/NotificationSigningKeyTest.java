package dev.ctagent.delivery.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ctagent.runtime.config.ConfigException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NotificationSigningKeyTest {
    @TempDir
    Path dir;

    @Test
    void aMissingKeyIsCreatedOwnerOnlyWithASelfSignedCertificateForItNextToIt() throws Exception {
        Path keyFile = dir.resolve("state/notification-private-key.pem");
        NotificationSigningKey key = NotificationSigningKey.loadOrCreate(keyFile);

        Path certificateFile = dir.resolve("state/notification-certificate.pem");
        assertThat(key.certificateFile()).isEqualTo(certificateFile);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keyFile))).isEqualTo("r--------");
        assertThat(Files.readAllBytes(certificateFile)).isEqualTo(key.certificatePem());
        assertThat(new String(key.certificatePem(), StandardCharsets.US_ASCII))
                .startsWith("-----BEGIN CERTIFICATE-----").contains("-----END CERTIFICATE-----");
        try (var files = Files.list(keyFile.getParent())) {
            assertThat(files).containsExactlyInAnyOrder(keyFile, certificateFile); // no temporary left behind
        }

        X509Certificate certificate = SnsSignatureCheck.certificate(key.certificatePem());
        assertThat(certificate.getPublicKey()).isEqualTo(key.publicKey());
        assertThat(key.publicKey().getModulus().bitLength()).isEqualTo(2048);
        assertThat(certificate.getSubjectX500Principal().getName()).isEqualTo("CN=ct-agent notifications");
        assertThat(certificate.getIssuerX500Principal()).isEqualTo(certificate.getSubjectX500Principal());
        certificate.verify(key.publicKey()); // self-signed: throws unless its own key signed it
        assertThat(certificate.getSigAlgName()).isEqualTo("SHA256withRSA");
        certificate.checkValidity(); // valid now, even for a receiver whose clock is a little behind ours
        assertThat(certificate.getNotBefore().toInstant()).isBefore(Instant.now().minus(23, ChronoUnit.HOURS));
        assertThat(certificate.getNotAfter().toInstant()).isEqualTo("9999-12-31T23:59:59Z");
        assertThat(certificate.getBasicConstraints()).isEqualTo(-1); // not a CA
        assertThat(certificate.getKeyUsage()[0]).as("digitalSignature").isTrue();
    }

    @Test
    void aRestartReloadsTheSameKeyAndTheSameCertificate() throws Exception {
        Path keyFile = dir.resolve("notification-private-key.pem");
        NotificationSigningKey first = NotificationSigningKey.loadOrCreate(keyFile);
        NotificationSigningKey again = NotificationSigningKey.loadOrCreate(keyFile);

        assertThat(again.certificatePem()).isEqualTo(first.certificatePem());
        assertThat(again.certificateObjectKey()).isEqualTo(first.certificateObjectKey());
        byte[] data = "Message\nhello\n".getBytes(StandardCharsets.UTF_8);
        assertThat(again.sign(data)).isEqualTo(first.sign(data)); // RSA PKCS#1 v1.5 is deterministic: same key
    }

    @Test
    void theCertificateIsPublishedUnderItsSha1FingerprintInSnsStyle() throws Exception {
        NotificationSigningKey key = NotificationSigningKey.loadOrCreate(dir.resolve("notification-private-key.pem"));

        byte[] der = SnsSignatureCheck.certificate(key.certificatePem()).getEncoded();
        String sha1 = String.format("%040x", new BigInteger(1, MessageDigest.getInstance("SHA-1").digest(der)));
        assertThat(key.certificateObjectKey()).isEqualTo("SimpleNotificationService-" + sha1 + ".pem");
    }

    @Test
    void signaturesVerifyWithTheCertificatesKey() throws Exception {
        NotificationSigningKey key = NotificationSigningKey.loadOrCreate(dir.resolve("k.pem"));
        byte[] data = "Type\nNotification\n".getBytes(StandardCharsets.UTF_8);

        Signature verifier = Signature.getInstance("SHA256withRSA");
        verifier.initVerify(SnsSignatureCheck.certificate(key.certificatePem()).getPublicKey());
        verifier.update(data);
        assertThat(verifier.verify(key.sign(data))).isTrue();
    }

    @Test
    void aMissingDamagedOrForeignCertificateIsMadeAgainForTheKey() throws Exception {
        Path keyFile = dir.resolve("notification-private-key.pem");
        NotificationSigningKey key = NotificationSigningKey.loadOrCreate(keyFile);
        Path certificateFile = key.certificateFile();
        NotificationSigningKey other = NotificationSigningKey.loadOrCreate(dir.resolve("other/notification-private-key.pem"));

        Files.delete(certificateFile);
        assertThat(renewed(keyFile, key)).as("missing").isTrue();

        Files.writeString(certificateFile, "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n");
        assertThat(renewed(keyFile, key)).as("damaged").isTrue();

        Files.write(certificateFile, other.certificatePem());
        assertThat(renewed(keyFile, key)).as("another key's").isTrue();
        assertThat(Files.readAllBytes(certificateFile)).isNotEqualTo(other.certificatePem());
    }

    @Test
    void keysWithOtherNamesGetTheirOwnCertificateFile() {
        assertThat(NotificationSigningKey.certificateFileFor(dir.resolve("hooks.pem"))).isEqualTo(dir.resolve("hooks-certificate.pem"));
        assertThat(NotificationSigningKey.certificateFileFor(dir.resolve("key"))).isEqualTo(dir.resolve("key-certificate.pem"));
        assertThat(NotificationSigningKey.certificateFileFor(dir.resolve("a-private-key.pem"))).isEqualTo(dir.resolve("a-certificate.pem"));
    }

    @Test
    void aKeyFileOthersCanReadIsRefusedNamingTheNotificationSetting() throws Exception {
        Path keyFile = dir.resolve("notification-private-key.pem");
        NotificationSigningKey.loadOrCreate(keyFile);
        Files.setPosixFilePermissions(keyFile, PosixFilePermissions.fromString("rw-r-----"));

        assertThatThrownBy(() -> NotificationSigningKey.loadOrCreate(keyFile))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("ct.notify.signingKey='" + keyFile + "' is invalid")
                .hasMessageContaining("accessible to others");
    }

    /** Whether loading made a new certificate that is for the same key, and put it on disk. */
    private static boolean renewed(Path keyFile, NotificationSigningKey before) throws Exception {
        NotificationSigningKey after = NotificationSigningKey.loadOrCreate(keyFile);
        X509Certificate certificate = SnsSignatureCheck.certificate(after.certificatePem());
        certificate.verify(before.publicKey());
        return certificate.getPublicKey().equals(before.publicKey())
                && !after.certificateObjectKey().equals(before.certificateObjectKey())
                && java.util.Arrays.equals(Files.readAllBytes(after.certificateFile()), after.certificatePem());
    }
}
