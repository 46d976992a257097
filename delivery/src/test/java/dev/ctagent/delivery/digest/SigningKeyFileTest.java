package dev.ctagent.delivery.digest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ctagent.runtime.config.ConfigException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateCrtKey;
import org.bouncycastle.util.io.pem.PemObject;
import org.bouncycastle.util.io.pem.PemWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SigningKeyFileTest {
    @TempDir
    Path dir;

    @Test
    void aMissingKeyIsCreatedAsRsa2048Pkcs8ReadableByItsOwnerOnly() throws Exception {
        Path file = dir.resolve("keys/digest.pem");
        SigningKeyFile.Loaded key = new SigningKeyFile(file).loadOrCreate();

        assertThat(key.publicKey().getModulus().bitLength()).isEqualTo(2048);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("r--------");
        assertThat(new String(Files.readAllBytes(file), StandardCharsets.US_ASCII))
                .startsWith("-----BEGIN PRIVATE KEY-----");
        assertThat(new SigningKeyFile(file).loadOrCreate().publicKey()).isEqualTo(key.publicKey());
        try (var files = Files.list(file.getParent())) {
            assertThat(files).containsExactly(file); // no temporary left behind
        }
    }

    @Test
    void aKeyFileOthersCanReadIsRefusedNamingTheKey() throws Exception {
        Path file = dir.resolve("digest.pem");
        new SigningKeyFile(file).loadOrCreate();
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));

        assertThatThrownBy(() -> new SigningKeyFile(file).loadOrCreate())
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("ct.digest.privateKey='" + file + "' is invalid")
                .hasMessageContaining("accessible to others (---r--r-- set)")
                .hasMessageContaining("chmod 400");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        assertThat(new SigningKeyFile(file).load().publicKey().getModulus().bitLength()).isEqualTo(2048);
    }

    @Test
    void anOpensslStylePkcs1KeyIsReadToo() throws Exception {
        KeyPairGenerator gen = KeyPairGenerator.getInstance("RSA");
        gen.initialize(2048);
        RSAPrivateCrtKey k = (RSAPrivateCrtKey) gen.generateKeyPair().getPrivate();
        byte[] pkcs1 = new org.bouncycastle.asn1.pkcs.RSAPrivateKey(k.getModulus(), k.getPublicExponent(),
                k.getPrivateExponent(), k.getPrimeP(), k.getPrimeQ(), k.getPrimeExponentP(), k.getPrimeExponentQ(),
                k.getCrtCoefficient()).getEncoded();
        Path file = write("rsa.pem", pem("RSA PRIVATE KEY", pkcs1));

        assertThat(new SigningKeyFile(file).load().publicKey().getModulus()).isEqualTo(k.getModulus());
    }

    @Test
    void whatIsNotAnUnencryptedRsaKeyOfAtLeast2048BitsIsRefusedNamingTheKey() throws Exception {
        KeyPairGenerator small = KeyPairGenerator.getInstance("RSA");
        small.initialize(1024);
        KeyPairGenerator ec = KeyPairGenerator.getInstance("EC");
        ec.initialize(256);
        Path[] bad = {
            write("garbage.pem", "not a key"),
            write("cert.pem", pem("CERTIFICATE", new byte[] {1, 2, 3})),
            write("encrypted.pem", pem("ENCRYPTED PRIVATE KEY", new byte[] {1, 2, 3})),
            write("small.pem", pem("PRIVATE KEY", small.generateKeyPair().getPrivate().getEncoded())),
            write("ec.pem", pem("PRIVATE KEY", ec.generateKeyPair().getPrivate().getEncoded())),
        };
        for (Path file : bad) {
            assertThatThrownBy(() -> new SigningKeyFile(file).load()).as(file.toString())
                    .isInstanceOf(ConfigException.class)
                    .hasMessageStartingWith("ct.digest.privateKey='" + file + "' is invalid");
        }
    }

    private Path write(String name, String text) throws Exception {
        Path file = dir.resolve(name);
        Files.write(file, text.getBytes(StandardCharsets.US_ASCII));
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        return file;
    }

    private static String pem(String type, byte[] der) throws Exception {
        StringWriter out = new StringWriter();
        try (PemWriter w = new PemWriter(out)) {
            w.writeObject(new PemObject(type, der));
        }
        return out.toString();
    }
}
