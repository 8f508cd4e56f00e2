package se.vaktpost.mqttsecurity;

import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import se.vaktpost.protocol.transport.OwnerOnly;

/**
 * The project's own certificate authority: it signs the broker's TLS certificate, and every
 * client trusts it alone for the broker (a certificate from any public CA is refused). EC P-256,
 * signatures SHA-256, written as PEM that Mosquitto (OpenSSL) and Java both read.
 */
public final class Pki {
    public static final String CA_CERT = "ca.crt";
    public static final String CA_KEY = "ca.key";
    private static final Duration CA_LIFETIME = Duration.ofDays(3650);
    private static final Duration SERVER_LIFETIME = Duration.ofDays(825);

    private final X509Certificate caCertificate;
    private final PrivateKey caKey;
    private final SecureRandom random;

    /** A certificate with its private key. */
    public record Issued(X509Certificate certificate, PrivateKey key) {
        public String certificatePem() {
            return pem(certificate);
        }

        public String keyPem() {
            return pem(key);
        }
    }

    private Pki(X509Certificate caCertificate, PrivateKey caKey, SecureRandom random) {
        this.caCertificate = caCertificate;
        this.caKey = caKey;
        this.random = random;
    }

    /** A new CA named {@code name}, valid from now for ten years. */
    public static Pki create(String name, Clock clock, SecureRandom random) {
        KeyPair pair = newKeyPair(random);
        X500Name subject = new X500Name("CN=" + name + ",O=Vaktpost");
        Instant now = clock.instant();
        try {
            JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
            X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(subject, serial(random),
                    Date.from(now.minus(Duration.ofHours(1))), Date.from(now.plus(CA_LIFETIME)), subject, pair.getPublic())
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(0))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign))
                    .addExtension(Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(pair.getPublic()));
            return new Pki(sign(b, pair.getPrivate()), pair.getPrivate(), random);
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot create the CA: " + e.getMessage(), e);
        }
    }

    /** The CA kept in {@code dir} ({@link #CA_CERT}, {@link #CA_KEY}); created there on first use. */
    public static Pki openOrCreate(Path dir, String name, Clock clock, SecureRandom random) {
        Path cert = dir.resolve(CA_CERT);
        Path key = dir.resolve(CA_KEY);
        try {
            if (Files.exists(cert) && Files.exists(key)) {
                return new Pki((X509Certificate) read(cert), (PrivateKey) read(key), random);
            }
            Pki pki = create(name, clock, random);
            Files.createDirectories(dir);
            OwnerOnly.create(key);
            Files.writeString(key, pem(pki.caKey), StandardCharsets.US_ASCII);
            Files.writeString(cert, pki.caCertificatePem(), StandardCharsets.US_ASCII);
            return pki;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or write the CA in " + dir, e);
        }
    }

    public X509Certificate caCertificate() {
        return caCertificate;
    }

    public String caCertificatePem() {
        return pem(caCertificate);
    }

    /**
     * A TLS server certificate for the broker, for every host name and IP address a client uses in
     * its broker URL (clients check the name).
     */
    public Issued issueServer(List<String> names, Clock clock) {
        if (names.isEmpty()) {
            throw new IllegalArgumentException("the broker certificate needs at least one host name or IP address");
        }
        KeyPair pair = newKeyPair(random);
        Instant now = clock.instant();
        try {
            JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
            GeneralName[] alt = names.stream().map(Pki::altName).toArray(GeneralName[]::new);
            X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(caCertificate, serial(random),
                    Date.from(now.minus(Duration.ofHours(1))), Date.from(now.plus(SERVER_LIFETIME)),
                    new X500Name("CN=" + names.get(0) + ",O=Vaktpost"), pair.getPublic())
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature))
                    .addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth))
                    .addExtension(Extension.subjectAlternativeName, false, new GeneralNames(alt))
                    .addExtension(Extension.authorityKeyIdentifier, false, ext.createAuthorityKeyIdentifier(caCertificate));
            return new Issued(sign(b, caKey), pair.getPrivate());
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot issue the broker certificate: " + e.getMessage(), e);
        }
    }

    private static GeneralName altName(String name) {
        boolean ip = name.matches("[0-9.]+") || name.contains(":");
        if (ip) {
            try {
                return new GeneralName(GeneralName.iPAddress, InetAddress.getByName(name).getHostAddress());
            } catch (IOException e) {
                throw new IllegalArgumentException("not an IP address: " + name, e);
            }
        }
        return new GeneralName(GeneralName.dNSName, name);
    }

    private static X509Certificate sign(X509v3CertificateBuilder b, PrivateKey key) throws GeneralSecurityException {
        try {
            return new JcaX509CertificateConverter().getCertificate(b.build(new JcaContentSignerBuilder("SHA256withECDSA").build(key)));
        } catch (OperatorCreationException e) {
            throw new GeneralSecurityException(e);
        }
    }

    private static KeyPair newKeyPair(SecureRandom random) {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
            g.initialize(new ECGenParameterSpec("secp256r1"), random);
            return g.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("EC P-256 is part of every Java 17 runtime", e);
        }
    }

    private static BigInteger serial(SecureRandom random) {
        return new BigInteger(127, random).add(BigInteger.ONE);
    }

    static String pem(Object o) {
        StringWriter s = new StringWriter();
        try (JcaPEMWriter w = new JcaPEMWriter(s)) {
            // a private key as PKCS#8 ("PRIVATE KEY"), which OpenSSL and Java both read
            w.writeObject(o instanceof PrivateKey k ? new JcaPKCS8Generator(k, null) : o);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return s.toString();
    }

    private static Object read(Path file) throws IOException {
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.US_ASCII); PEMParser p = new PEMParser(r)) {
            Object o = p.readObject();
            if (o instanceof X509CertificateHolder h) {
                return new JcaX509CertificateConverter().getCertificate(h);
            }
            if (o instanceof PrivateKeyInfo k) {
                return new JcaPEMKeyConverter().getPrivateKey(k);
            }
            if (o instanceof PEMKeyPair pair) {
                return new JcaPEMKeyConverter().getKeyPair(pair).getPrivate();
            }
            throw new IOException(file + " is neither a PEM certificate nor a PEM private key");
        } catch (GeneralSecurityException e) {
            throw new IOException(file + ": " + e.getMessage(), e);
        }
    }
}
