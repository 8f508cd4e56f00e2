package se.vaktpost.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import se.vaktpost.mqttsecurity.BrokerAcl;
import se.vaktpost.mqttsecurity.BrokerConfig;
import se.vaktpost.mqttsecurity.MosquittoPasswords;
import se.vaktpost.mqttsecurity.Pki;
import se.vaktpost.protocol.signing.HubKey;
import se.vaktpost.protocol.transport.MqttCredentials;
import se.vaktpost.protocol.transport.MqttIdentity;

/**
 * Everything a secure test broker and its clients need, made by the product's own code (the
 * same CA, password format and ACL as {@code central-hub broker-config}): a project CA, the
 * broker's certificate, one credentials directory per identity, the password file and the ACL.
 */
public final class BrokerIdentities {
    private final Path dir = MosquittoBroker.tempDir("mqtt-identities-");
    private final SecureRandom random = new SecureRandom();
    private final Pki pki = Pki.create("Vaktpost test CA", Clock.systemUTC(), random);
    private final List<MqttIdentity> panels;
    private final Map<String, String> hashes = new LinkedHashMap<>();
    private final Map<String, Path> credentials = new LinkedHashMap<>();
    private final String url;
    private final KeyPair hubKey;

    private final String extraAcl;

    /** {@code intruderAcl}: ACL lines for a user "intruder" (issued when not empty), e.g. write access it should never have. */
    BrokerIdentities(List<MqttIdentity> panels, String url, List<String> intruderAcl) {
        this.panels = List.copyOf(panels);
        this.url = url;
        this.extraAcl = intruderAcl.isEmpty() ? "" : "\n# a test's intruder, given rights on purpose\nuser intruder\n"
                + String.join("\n", intruderAcl) + "\n";
        char[] alarm = password(MqttIdentity.HUB);
        char[] presence = password(MqttIdentity.HUB_PRESENCE);
        char[] states = password(MqttIdentity.HUB_STATES);
        Path hub = dir.resolve(MqttIdentity.HUB.username());
        MqttCredentials.write(hub, MqttIdentity.HUB.username(), alarm, url, pki.caCertificatePem(),
                Optional.of(new MqttCredentials.Identity(MqttIdentity.HUB_PRESENCE.username(), presence)),
                Optional.of(new MqttCredentials.Identity(MqttIdentity.HUB_STATES.username(), states)), null);
        this.hubKey = HubKey.openOrCreate(hub);
        credentials.put(MqttIdentity.HUB.username(), hub);
        for (MqttIdentity p : panels) {
            issue(p);
        }
        if (!intruderAcl.isEmpty()) {
            char[] pw = MosquittoPasswords.newPassword(random);
            hashes.put("intruder", MosquittoPasswords.hash(pw, random));
            Path p = dir.resolve("intruder");
            MqttCredentials.write(p, "intruder", pw, url, pki.caCertificatePem(), Optional.empty(), hubPublicPem());
            credentials.put("intruder", p);
        }
    }

    /** The credentials of the user "intruder" (see the constructor). */
    public Path intruder() {
        Path p = credentials.get("intruder");
        if (p == null) {
            throw new IllegalStateException("no intruder: start the broker with intruder ACL lines");
        }
        return p;
    }

    /** The credentials directory of an identity; the hub's holds its presence identity too. */
    public Path credentials(MqttIdentity id) {
        Path p = credentials.get(id.username());
        if (p == null) {
            throw new IllegalArgumentException("no credentials issued for " + id.username());
        }
        return p;
    }

    /** Credentials of a client the broker has never heard of, signed by nobody it knows: the same CA though. */
    public Path unknownClient(String username) {
        Path p = dir.resolve("unknown-" + username);
        MqttCredentials.write(p, username, MosquittoPasswords.newPassword(random), url, pki.caCertificatePem(), Optional.empty(), hubPublicPem());
        return p;
    }

    /** A copy of {@code id}'s credentials that trusts another CA than the broker's. */
    public Path withForeignCa(MqttIdentity id) {
        MqttCredentials c = MqttCredentials.load(credentials(id));
        Path p = dir.resolve("foreign-ca-" + id.username());
        MqttCredentials.write(p, c.username(), c.password(), url,
                Pki.create("Foreign CA", Clock.systemUTC(), random).caCertificatePem(), Optional.empty(), hubPublicPem());
        return p;
    }

    /** Issues (again) a panel's credentials; the broker learns of it at its next reload. */
    public Path issue(MqttIdentity panel) {
        char[] pw = password(panel);
        Path p = dir.resolve(panel.username());
        MqttCredentials.write(p, panel.username(), pw, url, pki.caCertificatePem(), Optional.empty(), hubPublicPem());
        credentials.put(panel.username(), p);
        return p;
    }

    /** The hub's public signing key as panels pin it. */
    public String hubPublicPem() {
        return HubKey.publicPem(hubKey.getPublic());
    }

    /** A signer holding the hub's private key: for a test that must publish what only the hub could. */
    public se.vaktpost.protocol.signing.HubSignature.Signer hubSigner() {
        return se.vaktpost.protocol.signing.HubSignature.signer(hubKey.getPrivate());
    }

    void revoke(MqttIdentity id) {
        hashes.remove(id.username());
    }

    /** Writes the broker's files into {@code into}, with paths as the broker sees them under {@code installDir}. */
    String writeBrokerFiles(Path into, Path installDir, int listenPort, Path dataDir, List<String> extra) {
        List<String> lines = new ArrayList<>(extra);
        if ("root".equals(System.getProperty("user.name"))) {
            lines.add("user root"); // keep reading the owner-only files after start (Mosquitto drops root otherwise)
        }
        BrokerConfig.Settings s = new BrokerConfig.Settings(listenPort, null, installDir, dataDir, lines);
        BrokerConfig.write(into, s, pki.caCertificatePem(), pki.issueServer(List.of("127.0.0.1", "localhost"), Clock.systemUTC()),
                hashes, BrokerAcl.render(panels) + extraAcl);
        return BrokerConfig.render(s);
    }

    /** Rewrites only the password file (after a revocation), for a reload. */
    void rewritePasswords(Path into) {
        try {
            Files.writeString(into.resolve("passwd"), BrokerConfig.passwordFile(hashes), StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private char[] password(MqttIdentity id) {
        char[] pw = MosquittoPasswords.newPassword(random);
        hashes.put(id.username(), MosquittoPasswords.hash(pw, random));
        return pw;
    }
}
