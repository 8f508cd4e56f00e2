package se.vaktpost.hub.backup;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.cms.CMSAlgorithm;
import org.bouncycastle.cms.CMSAuthEnvelopedDataParser;
import org.bouncycastle.cms.CMSAuthEnvelopedDataStreamGenerator;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.RecipientInformation;
import org.bouncycastle.cms.jcajce.JceCMSContentEncryptorBuilder;
import org.bouncycastle.cms.jcajce.JceKEKAuthEnvelopedRecipient;
import org.bouncycastle.cms.jcajce.JceKEKRecipientInfoGenerator;

/**
 * Encrypted backups: CMS AuthEnvelopedData (RFC 5083) with AES-256-GCM, the content key wrapped by
 * a 256-bit key-encryption key from a key file (RFC 3394 key wrap), streamed both ways by
 * BouncyCastle. A standard format, so a backup can be opened without Vaktpost if need be; GCM
 * means a changed or truncated file is refused, never restored.
 */
public final class BackupCipher {
    /** Names the key inside the CMS structure; a backup made with another key says so. */
    private static final byte[] KEY_ID = "vaktpost-backup-key".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    /** BouncyCastle's own provider, for this class only: the JDK's has no GCM parameters by CMS's OID. */
    private static final java.security.Provider BC = new org.bouncycastle.jce.provider.BouncyCastleProvider();

    private final SecretKey key;

    private BackupCipher(SecretKey key) {
        this.key = key;
    }

    /** The key in {@code file}: 32 bytes, Base64 (as {@link #newKeyFile} writes it). */
    public static BackupCipher fromKeyFile(Path file) throws IOException {
        byte[] raw;
        try {
            raw = Base64.getDecoder().decode(Files.readString(file).trim());
        } catch (IllegalArgumentException e) {
            throw new IOException("the backup key file " + file + " is not Base64; make one with 'central-hub backup --new-key FILE'");
        }
        if (raw.length != 32) {
            throw new IOException("the backup key file " + file + " holds " + raw.length + " bytes, not 32; make one with "
                    + "'central-hub backup --new-key FILE'");
        }
        return new BackupCipher(new SecretKeySpec(raw, "AES"));
    }

    /** Writes a new random key, readable by its owner only. Refuses to overwrite one. */
    public static void newKeyFile(Path file) throws IOException {
        byte[] raw = new byte[32];
        new SecureRandom().nextBytes(raw);
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(file, Base64.getEncoder().encodeToString(raw) + "\n");
    }

    /** Encrypts {@code plain} into {@code out}. */
    public void encrypt(InputStream plain, OutputStream out) throws IOException {
        try {
            CMSAuthEnvelopedDataStreamGenerator gen = new CMSAuthEnvelopedDataStreamGenerator();
            gen.addRecipientInfoGenerator(new JceKEKRecipientInfoGenerator(KEY_ID, key).setProvider(BC));
            try (OutputStream sealed = gen.open(out, (org.bouncycastle.operator.OutputAEADEncryptor)
                    new JceCMSContentEncryptorBuilder(CMSAlgorithm.AES256_GCM).setProvider(BC).build())) {
                plain.transferTo(sealed);
            }
        } catch (CMSException e) {
            throw new IOException("could not encrypt the backup: " + e.getMessage(), e);
        }
    }

    /**
     * Decrypts {@code sealed} into {@code plain}. The authentication tag is checked at the end of the
     * stream: until this returns, what was written is not to be trusted (the caller writes it to a
     * file that is used only afterwards).
     */
    public void decrypt(InputStream sealed, OutputStream plain) throws IOException {
        try {
            CMSAuthEnvelopedDataParser parser = new CMSAuthEnvelopedDataParser(sealed);
            RecipientInformation recipient = parser.getRecipientInfos().getRecipients().stream().findFirst()
                    .orElseThrow(() -> new IOException("the backup names no key"));
            try (InputStream in = recipient.getContentStream(new JceKEKAuthEnvelopedRecipient(key).setProvider(BC)).getContentStream()) {
                in.transferTo(plain);
            }
        } catch (CMSException e) {
            throw new IOException("the backup cannot be opened with this key, or it was changed or cut short: " + e.getMessage(), e);
        }
    }
}
