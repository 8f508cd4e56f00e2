package se.vaktpost.hub.broker;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import se.vaktpost.hub.brokeraccess.BrokerAccess;
import se.vaktpost.hub.brokeraccess.IdentityStore;
import se.vaktpost.hub.registry.SiteRegistry;
import se.vaktpost.protocol.transport.MqttIdentity;
import se.vaktpost.storage.SqliteDatabase;

/**
 * The embedded broker of the demo, secured like production: the hub's own credentials and the
 * project CA from the security directory beside the database, the identities the hub issued
 * ({@code central-hub panels provision}, as demo.sh does for its panels), TLS on loopback.
 */
public final class DemoBroker {
    private static final Logger LOG = LoggerFactory.getLogger(DemoBroker.class);

    /** The running broker and the hub's credentials for it. */
    public record Started(EmbeddedBroker broker, Path hubCredentials, IdentityStore identities) implements AutoCloseable {
        @Override
        public void close() throws Exception {
            broker.close();
            identities.close();
        }
    }

    private DemoBroker() {
    }

    public static Started start(SiteRegistry registry, SqliteDatabase database, Path dataDir, int port, Clock clock)
            throws Exception {
        IdentityStore identities = new IdentityStore(database);
        BrokerAccess access = new BrokerAccess(registry, identities, dataDir.resolve("security"), clock, new SecureRandom());
        Path hub = access.ensureHubCredentials("ssl://127.0.0.1:" + port);
        EmbeddedBrokerSecurity security = new EmbeddedBrokerSecurity(user -> liveHash(registry, identities, user));
        EmbeddedBroker broker = EmbeddedBroker.start(dataDir.resolve("broker"), "127.0.0.1", port,
                access.pki().issueServer(List.of("127.0.0.1", "localhost"), clock), security);
        return new Started(broker, hub, identities);
    }

    /** A live identity's hash; a panel only while it is in the registry. */
    private static Optional<String> liveHash(SiteRegistry registry, IdentityStore identities, String user) {
        Optional<MqttIdentity> id = MqttIdentity.parse(user);
        if (id.isEmpty() || id.get().role() == MqttIdentity.Role.PANEL && registry.site(id.get().site())
                .map(s -> !s.hasPanel(id.get().panel())).orElse(true)) {
            return Optional.empty();
        }
        try {
            return identities.liveHash(user);
        } catch (SQLException e) {
            LOG.warn("embedded broker: cannot read identities ({}); refusing the connect", e.getMessage());
            return Optional.empty();
        }
    }
}
