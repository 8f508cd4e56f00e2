package se.vaktpost.hub.brokeraccess;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import se.vaktpost.hub.registry.SiteRegistry;
import se.vaktpost.mqttsecurity.BrokerAcl;
import se.vaktpost.mqttsecurity.BrokerConfig;
import se.vaktpost.mqttsecurity.MosquittoPasswords;
import se.vaktpost.protocol.transport.MqttIdentity;
import se.vaktpost.mqttsecurity.Pki;
import se.vaktpost.protocol.signing.HubKey;
import se.vaktpost.protocol.transport.MqttCredentials;

/**
 * Who may use the broker, and the files that make the broker enforce it: provisioning and
 * revoking panels, the hub's own credentials, and the broker configuration for the registry.
 * The project CA and the hub's credentials live in the hub's security directory. Used by one thread
 * (a command, or the hub's start-up), which is why the CA and key it reads are simply kept.
 */
public final class BrokerAccess {
    /** Sub-directory of the security directory with the hub's own MQTT credentials. */
    public static final String HUB_CREDENTIALS = "hub-mqtt";

    private final SiteRegistry registry;
    private final IdentityStore store;
    private final Path securityDir;
    private final Clock clock;
    private final SecureRandom random;
    /** Read from (or created in) the security directory once, when first needed. */
    private Pki pki;
    private KeyPair hubKey;

    public BrokerAccess(SiteRegistry registry, IdentityStore store, Path securityDir, Clock clock, SecureRandom random) {
        this.registry = registry;
        this.store = store;
        this.securityDir = securityDir;
        this.clock = clock;
        this.random = random;
    }

    /** The project CA, created in the security directory the first time. */
    public Pki pki() {
        if (pki == null) {
            pki = Pki.openOrCreate(securityDir, "Vaktpost project CA", clock, random);
        }
        return pki;
    }

    /**
     * The hub's signing key, kept with its credentials ({@link #HUB_CREDENTIALS}); created the first
     * time. Its public half goes to every panel provisioned.
     */
    public KeyPair hubKey() {
        if (hubKey == null) {
            hubKey = HubKey.openOrCreate(securityDir.resolve(HUB_CREDENTIALS));
        }
        return hubKey;
    }

    /**
     * Issues a new password for one panel of the registry and writes what it needs into {@code out}.
     * Any earlier password of the panel stops working once the broker configuration is written again.
     */
    public MqttIdentity provisionPanel(String site, String panel, Path out, String brokerUrl) throws SQLException {
        boolean known = registry.site(site).map(s -> s.panels().stream().anyMatch(p -> p.id().equals(panel))).orElse(false);
        if (!known) {
            throw new IllegalArgumentException("no panel " + site + "/" + panel + " in the registry; add it to the registry first");
        }
        MqttIdentity id = MqttIdentity.panel(site, panel);
        char[] password = MosquittoPasswords.newPassword(random);
        store.issue(id, MosquittoPasswords.hash(password, random), clock.instant());
        MqttCredentials.write(out, id.username(), password, brokerUrl, pki().caCertificatePem(), Optional.empty(),
                HubKey.publicPem(hubKey().getPublic()));
        return id;
    }

    public boolean revokePanel(String site, String panel) throws SQLException {
        return store.revoke(MqttIdentity.panel(site, panel), clock.instant());
    }

    /**
     * The hub's credentials directory, issued when missing or when any of its three identities is
     * not live (a directory from before the states connection has two: all three are issued then,
     * and the broker needs its configuration written again); otherwise left as it is (a running hub
     * keeps working).
     */
    public Path ensureHubCredentials(String brokerUrl) throws SQLException {
        Path dir = securityDir.resolve(HUB_CREDENTIALS);
        Set<String> live = store.all().stream().filter(IdentityStore.Row::live)
                .map(r -> r.identity().username()).collect(Collectors.toSet());
        boolean present = Files.exists(dir.resolve(MqttCredentials.PROPERTIES))
                && live.contains(MqttIdentity.HUB.username()) && live.contains(MqttIdentity.HUB_PRESENCE.username())
                && live.contains(MqttIdentity.HUB_STATES.username());
        if (!present) {
            char[] alarm = MosquittoPasswords.newPassword(random);
            char[] presence = MosquittoPasswords.newPassword(random);
            char[] states = MosquittoPasswords.newPassword(random);
            store.issue(MqttIdentity.HUB, MosquittoPasswords.hash(alarm, random), clock.instant());
            store.issue(MqttIdentity.HUB_PRESENCE, MosquittoPasswords.hash(presence, random), clock.instant());
            store.issue(MqttIdentity.HUB_STATES, MosquittoPasswords.hash(states, random), clock.instant());
            MqttCredentials.write(dir, MqttIdentity.HUB.username(), alarm, brokerUrl, pki().caCertificatePem(),
                    Optional.of(new MqttCredentials.Identity(MqttIdentity.HUB_PRESENCE.username(), presence)),
                    Optional.of(new MqttCredentials.Identity(MqttIdentity.HUB_STATES.username(), states)), null);
            hubKey();
        }
        return dir;
    }

    /** What {@link #writeBrokerConfig} wrote, for the operator. */
    public record Written(Path hubCredentials, int panelsProvisioned, int panelsInRegistry, List<String> notInRegistry) {
    }

    /**
     * Writes the broker's configuration for the registry into {@code out}: TLS listener with a
     * certificate for {@code hosts}, password file of every live identity of the registry, ACL.
     */
    public Written writeBrokerConfig(Path out, BrokerConfig.Settings settings, List<String> hosts) throws SQLException {
        String url = "ssl://" + hosts.get(0) + ":" + settings.port();
        Path hubDir = ensureHubCredentials(url);
        Pki pki = pki();
        List<MqttIdentity> panels = new ArrayList<>();
        registry.sites().forEach(s -> s.panels().forEach(p -> panels.add(MqttIdentity.panel(s.id(), p.id()))));
        Set<String> inRegistry = panels.stream().map(MqttIdentity::username).collect(Collectors.toSet());
        Map<String, String> hashes = new LinkedHashMap<>();
        List<String> stale = new ArrayList<>();
        for (IdentityStore.Row r : store.all()) {
            if (!r.live()) {
                continue;
            }
            boolean panel = r.identity().role() == MqttIdentity.Role.PANEL;
            if (panel && !inRegistry.contains(r.identity().username())) {
                stale.add(r.identity().site() + "/" + r.identity().panel());
                continue;
            }
            hashes.put(r.identity().username(), r.passwordHash());
        }
        int provisioned = (int) hashes.keySet().stream().filter(inRegistry::contains).count();
        BrokerConfig.write(out, settings, pki.caCertificatePem(), pki.issueServer(hosts, clock), hashes, BrokerAcl.render(panels));
        return new Written(hubDir, provisioned, panels.size(), stale);
    }
}
