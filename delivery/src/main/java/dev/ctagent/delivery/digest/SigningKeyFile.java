package dev.ctagent.delivery.digest;

import dev.ctagent.runtime.config.ConfigException;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPrivateCrtKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.util.EnumSet;
import java.util.Set;
import org.bouncycastle.util.io.pem.PemObject;
import org.bouncycastle.util.io.pem.PemReader;
import org.bouncycastle.util.io.pem.PemWriter;

/**
 * An RSA private key the agent signs with, in a PEM file: the digests' ({@code ct.digest.privateKey}) and
 * the webhook notifications' ({@code ct.notify.signingKey}). Created on first use as RSA-2048 PKCS#8
 * ({@code -----BEGIN PRIVATE KEY-----}), readable by its owner only (0400); PKCS#1
 * ({@code BEGIN RSA PRIVATE KEY}, what {@code openssl genrsa} writes) is read too. On a POSIX file system a
 * key file that group or others may read, write or run is refused: whoever reads it can forge what it signs.
 */
public final class SigningKeyFile {
    static final String DIGEST_CONFIG_KEY = "ct.digest.privateKey";
    private static final int KEY_BITS = 2048;
    private static final Set<PosixFilePermission> NOT_OWNER = EnumSet.of(
            PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_EXECUTE,
            PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE);

    /** A loaded key and what identifies the file's version it came from. */
    public static final class Loaded {
        final RSAPrivateCrtKey privateKey;
        final RSAPublicKey publicKey;
        final FileTime modified;
        final long size;

        Loaded(RSAPrivateCrtKey privateKey, RSAPublicKey publicKey, FileTime modified, long size) {
            this.privateKey = privateKey;
            this.publicKey = publicKey;
            this.modified = modified;
            this.size = size;
        }

        public PrivateKey privateKey() { return privateKey; }
        public RSAPublicKey publicKey() { return publicKey; }
    }

    private final Path file;
    private final String configKey;

    /** The digest key ({@code ct.digest.privateKey}). */
    public SigningKeyFile(Path file) {
        this(file, DIGEST_CONFIG_KEY);
    }

    /** A key whose errors name {@code configKey}, the setting that points at {@code file}. */
    public SigningKeyFile(Path file, String configKey) {
        this.file = file;
        this.configKey = configKey;
    }

    public Path file() {
        return file;
    }

    /** Reads the key, creating it first if the file does not exist. Errors name the config key. */
    public Loaded loadOrCreate() throws ConfigException {
        if (!Files.exists(file)) {
            try {
                create();
            } catch (IOException | GeneralSecurityException e) {
                throw new ConfigException(configKey, file.toString(), "cannot create the signing key: " + e);
            }
        }
        return load();
    }

    /**
     * The cheap part of {@link #loadOrCreate()}, for premain: refuses an existing key file others may
     * access. Reading and parsing waits for the writer thread.
     */
    public void refuseIfExposed() throws ConfigException {
        if (Files.exists(file)) {
            refuseIfOthersMayRead();
        }
    }

    /** Whether the file now differs from what {@code loaded} was read from (a rotated key). */
    public boolean changedSince(Loaded loaded) {
        try {
            return !Files.getLastModifiedTime(file).equals(loaded.modified) || Files.size(file) != loaded.size;
        } catch (IOException gone) {
            return false; // keep signing with the key in memory; a missing file is not a rotation
        }
    }

    public Loaded load() throws ConfigException {
        refuseIfOthersMayRead();
        try {
            FileTime modified = Files.getLastModifiedTime(file);
            byte[] bytes = Files.readAllBytes(file);
            RSAPrivateCrtKey key = parse(new String(bytes, StandardCharsets.US_ASCII));
            RSAPublicKey pub = (RSAPublicKey) KeyFactory.getInstance("RSA")
                    .generatePublic(new RSAPublicKeySpec(key.getModulus(), key.getPublicExponent()));
            if (key.getModulus().bitLength() < KEY_BITS) {
                throw new ConfigException(configKey, file.toString(),
                        "the RSA key has " + key.getModulus().bitLength() + " bits; at least 2048 are needed");
            }
            return new Loaded(key, pub, modified, bytes.length);
        } catch (IOException | GeneralSecurityException | IllegalArgumentException e) {
            throw new ConfigException(configKey, file.toString(),
                    "expected an unencrypted RSA private key in PEM (PKCS#8 or PKCS#1): " + e.getMessage());
        }
    }

    private void refuseIfOthersMayRead() throws ConfigException {
        PosixFileAttributeView posix = Files.getFileAttributeView(file, PosixFileAttributeView.class);
        if (posix == null) {
            return; // not a POSIX file system: its ACLs are the operator's business
        }
        Set<PosixFilePermission> perms;
        try {
            perms = posix.readAttributes().permissions();
        } catch (IOException e) {
            throw new ConfigException(configKey, file.toString(), "cannot read the key file's permissions: " + e);
        }
        perms.retainAll(NOT_OWNER);
        if (!perms.isEmpty()) {
            throw new ConfigException(configKey, file.toString(), "the private key file is accessible to others ("
                    + PosixFilePermissions.toString(perms) + " set); it must be readable by its owner only"
                    + " (chmod 400 or 600)");
        }
    }

    static RSAPrivateCrtKey parse(String pem) throws IOException, GeneralSecurityException {
        PemObject object;
        try (PemReader reader = new PemReader(new StringReader(pem))) {
            object = reader.readPemObject();
        }
        if (object == null) {
            throw new IOException("no PEM block found");
        }
        KeyFactory rsa = KeyFactory.getInstance("RSA");
        switch (object.getType()) {
            case "PRIVATE KEY":
                return (RSAPrivateCrtKey) rsa.generatePrivate(new PKCS8EncodedKeySpec(object.getContent()));
            case "RSA PRIVATE KEY":
                if (!object.getHeaders().isEmpty()) {
                    throw new IOException("encrypted PEM keys are not supported");
                }
                org.bouncycastle.asn1.pkcs.RSAPrivateKey k =
                        org.bouncycastle.asn1.pkcs.RSAPrivateKey.getInstance(object.getContent());
                return (RSAPrivateCrtKey) rsa.generatePrivate(new RSAPrivateCrtKeySpec(k.getModulus(),
                        k.getPublicExponent(), k.getPrivateExponent(), k.getPrime1(), k.getPrime2(),
                        k.getExponent1(), k.getExponent2(), k.getCoefficient()));
            case "ENCRYPTED PRIVATE KEY":
                throw new IOException("encrypted PEM keys are not supported");
            default:
                throw new IOException("a PEM block of type '" + object.getType() + "' is not an RSA private key");
        }
    }

    /** Writes a fresh key owner-read-only under a temporary name, then renames it into place. */
    private void create() throws IOException, GeneralSecurityException {
        KeyPairGenerator gen = KeyPairGenerator.getInstance("RSA");
        gen.initialize(KEY_BITS);
        String pem = toPem(gen.generateKeyPair().getPrivate());
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = dir.resolve("." + file.getFileName() + ".new");
        Files.deleteIfExists(tmp);
        boolean posix = Files.getFileAttributeView(dir, PosixFileAttributeView.class) != null;
        if (posix) {
            Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } else {
            Files.createFile(tmp);
        }
        try {
            Files.write(tmp, pem.getBytes(StandardCharsets.US_ASCII));
            if (posix) {
                Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("r--------"));
            }
            try {
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file);
            }
        } catch (FileAlreadyExistsException another) {
            // another process created it first: use theirs
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    static String toPem(PrivateKey key) throws IOException {
        StringWriter out = new StringWriter();
        try (PemWriter w = new PemWriter(out)) {
            w.writeObject(new PemObject("PRIVATE KEY", key.getEncoded()));
        }
        return out.toString();
    }
}
