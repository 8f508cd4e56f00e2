package se.vaktpost.protocol.transport;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Properties;

/**
 * What one MQTT client of the contract needs to connect as itself: its user name (which the broker
 * also makes its client id), its password, the broker's URL and the project CA that signed the
 * broker's certificate. Written by {@code central-hub panels provision} (and for the hub by
 * {@code central-hub broker-config}) into a directory:
 * <pre>
 *   mqtt.properties   username, password, broker-url (owner-only)
 *   ca.crt            the project CA, PEM: the only CA this client trusts for the broker
 *   hub-signing.pub   the hub's public key, PEM: a panel takes only states and acks it signed
 * </pre>
 * The hub's directory carries a second identity ({@code presence-username}, {@code presence-password})
 * for its presence connection and a third ({@code states-username}, {@code states-password}) for its
 * second connection for states; a directory written before the third existed has none, and the hub
 * then sends every state on its alarm path. {@link #toString()} never shows a password.
 */
public record MqttCredentials(String username, char[] password, Optional<String> brokerUrl, Path caCertificate,
                              Optional<Identity> presence, Optional<Identity> states, Optional<Path> hubPublicKey) {
    public static final String PROPERTIES = "mqtt.properties";
    public static final String CA_FILE = "ca.crt";

    /** A further user name and password, for one of the hub's other connections. */
    public record Identity(String username, char[] password) {
        @Override
        public String toString() {
            return "Identity[" + username + "]";
        }
    }

    /**
     * Reads a provisioned directory.
     *
     * @throws IllegalArgumentException naming the file and what to do when something is missing
     */
    public static MqttCredentials load(Path dir) {
        Path file = dir.resolve(PROPERTIES);
        Path ca = dir.resolve(CA_FILE);
        if (!Files.isReadable(file) || !Files.isReadable(ca)) {
            throw new IllegalArgumentException("credentials directory " + dir + " must hold " + PROPERTIES + " and "
                    + CA_FILE + "; create it with 'central-hub panels provision SITE/PANEL --out DIR'");
        }
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(r);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        String user = required(p, "username", file);
        char[] password = required(p, "password", file).toCharArray();
        Optional<Identity> presence = identity(p, "presence", file);
        Optional<Identity> states = identity(p, "states", file);
        Path hubKey = dir.resolve(se.vaktpost.protocol.signing.HubKey.PUBLIC_FILE);
        return new MqttCredentials(user, password, Optional.ofNullable(p.getProperty("broker-url")), ca, presence, states,
                Files.isReadable(hubKey) ? Optional.of(hubKey) : Optional.empty());
    }

    private static Optional<Identity> identity(Properties p, String prefix, Path file) {
        return Optional.ofNullable(p.getProperty(prefix + "-username"))
                .map(u -> new Identity(u, required(p, prefix + "-password", file).toCharArray()));
    }

    /** Writes a directory {@link #load} reads; the properties file is made readable by its owner only. */
    public static void write(Path dir, String username, char[] password, String brokerUrl, String caPem,
                             Optional<Identity> presence, String hubPublicKeyPem) {
        write(dir, username, password, brokerUrl, caPem, presence, Optional.empty(), hubPublicKeyPem);
    }

    /** As above, for the hub: with its presence and states identities. */
    public static void write(Path dir, String username, char[] password, String brokerUrl, String caPem,
                             Optional<Identity> presence, Optional<Identity> states, String hubPublicKeyPem) {
        Properties p = new Properties();
        p.setProperty("username", username);
        p.setProperty("password", new String(password));
        if (brokerUrl != null) {
            p.setProperty("broker-url", brokerUrl);
        }
        presence.ifPresent(id -> {
            p.setProperty("presence-username", id.username());
            p.setProperty("presence-password", new String(id.password()));
        });
        states.ifPresent(id -> {
            p.setProperty("states-username", id.username());
            p.setProperty("states-password", new String(id.password()));
        });
        try {
            Files.createDirectories(dir);
            Path file = dir.resolve(PROPERTIES);
            OwnerOnly.create(file);
            try (var w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
                p.store(w, "Vaktpost MQTT identity; keep it secret (owner-only)");
            }
            Files.writeString(dir.resolve(CA_FILE), caPem, StandardCharsets.US_ASCII);
            if (hubPublicKeyPem != null) {
                Files.writeString(dir.resolve(se.vaktpost.protocol.signing.HubKey.PUBLIC_FILE), hubPublicKeyPem,
                        StandardCharsets.US_ASCII);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write credentials to " + dir, e);
        }
    }

    private static String required(Properties p, String key, Path file) {
        String v = p.getProperty(key);
        if (v == null || v.isBlank()) {
            throw new IllegalArgumentException(file + " has no '" + key + "'; provision the client again");
        }
        return v.trim();
    }

    @Override
    public String toString() {
        return "MqttCredentials[" + username + ", ca " + caCertificate + "]";
    }
}
