package se.vaktpost.hub.app;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import se.vaktpost.hub.accounts.AccountStore;
import se.vaktpost.hub.brokeraccess.BrokerAccess;
import se.vaktpost.hub.brokeraccess.IdentityStore;
import se.vaktpost.hub.registry.SiteRegistry;
import se.vaktpost.storage.SqliteDatabase;

/** {@code central-hub panels ...}: each panel's own MQTT identity. */
@Command(name = "panels", mixinStandardHelpOptions = true, description = "Provision, revoke and list the panels' MQTT identities.",
        subcommands = {PanelsCommand.Provision.class, PanelsCommand.Revoke.class, PanelsCommand.ListIdentities.class})
final class PanelsCommand {

    /** Options every broker-access command shares, and the one place that opens what they need. */
    abstract static class Base implements Callable<Integer> {
        @Option(names = "--config", required = true, description = "Site registry (YAML).")
        Path config;

        @Option(names = "--db", defaultValue = "data/hub.db", description = "SQLite database file (default: ${DEFAULT-VALUE}).")
        Path db;

        @Option(names = "--security-dir", description = "Where the project CA and the hub's MQTT credentials are kept "
                + "(default: 'security' beside the database).")
        Path securityDir;

        @Override
        public Integer call() throws Exception {
            SqliteDatabase database = SqliteDatabase.open(db, "db/hub");
            try (IdentityStore store = new IdentityStore(database); AccountStore audit = new AccountStore(database)) {
                Path dir = securityDir != null ? securityDir : db.toAbsolutePath().getParent().resolve("security");
                BrokerAccess access = new BrokerAccess(SiteRegistry.load(config), store, dir, Clock.systemUTC(), new SecureRandom());
                return run(access, store, (action, target) -> audit.audit("cli:" + System.getProperty("user.name"),
                        action, target, null, "local", Instant.now()));
            }
        }

        abstract int run(BrokerAccess access, IdentityStore store, Audit audit) throws Exception;
    }

    interface Audit {
        void record(String action, String target) throws Exception;
    }

    static String[] sitePanel(String value) {
        String[] parts = value.split("/", -1);
        if (parts.length != 2) {
            throw new IllegalArgumentException("give the panel as SITE/PANEL, e.g. ekbacken/reception");
        }
        return parts;
    }

    @Command(name = "provision", description = "Issue a panel's credentials into a directory for its agent (--credentials DIR). "
            + "Run broker-config afterwards and reload the broker (the hub's embedded demo broker needs nothing more).")
    static final class Provision extends Base {
        @Parameters(arity = "1..*", paramLabel = "SITE/PANEL", description = "One panel, or several: then each gets DIR/SITE/PANEL.")
        List<String> panels;

        @Option(names = "--out", required = true, description = "Directory to write: mqtt.properties (secret), ca.crt, hub-signing.pub.")
        Path out;

        @Option(names = "--broker-url", description = "The broker as the panel reaches it, e.g. ssl://broker.kommun.se:8883.")
        String brokerUrl;

        @Override
        int run(BrokerAccess access, IdentityStore store, Audit audit) throws Exception {
            if (brokerUrl != null && !brokerUrl.startsWith("ssl://")) {
                throw new IllegalArgumentException("--broker-url must be ssl://HOST:PORT: a panel sends its password only over TLS");
            }
            for (String panel : panels) {
                String[] sp = sitePanel(panel);
                Path dir = panels.size() == 1 ? out : out.resolve(sp[0]).resolve(sp[1]);
                var id = access.provisionPanel(sp[0], sp[1], dir, brokerUrl);
                audit.record("MQTT_PROVISION", id.username());
                System.out.println("credentials for " + panel + " written to " + dir + " (copy the directory to the panel; "
                        + "mqtt.properties is secret)");
            }
            System.out.println("next: central-hub broker-config ... and reload the broker (kill -HUP its process)");
            return 0;
        }
    }

    @Command(name = "revoke", description = "Take a panel's MQTT identity away. Run broker-config afterwards and reload the broker.")
    static final class Revoke extends Base {
        @Parameters(index = "0", paramLabel = "SITE/PANEL")
        String panel;

        @Override
        int run(BrokerAccess access, IdentityStore store, Audit audit) throws Exception {
            String[] sp = sitePanel(panel);
            if (!access.revokePanel(sp[0], sp[1])) {
                throw new IllegalArgumentException("no live identity for " + panel + "; see 'panels list'");
            }
            audit.record("MQTT_REVOKE", "panel." + sp[0] + "." + sp[1]);
            System.out.println(panel + " revoked; next: central-hub broker-config ... and reload the broker (kill -HUP its process)");
            return 0;
        }
    }

    @Command(name = "list", description = "List MQTT identities (never passwords).")
    static final class ListIdentities extends Base {
        @Override
        int run(BrokerAccess access, IdentityStore store, Audit audit) throws Exception {
            for (IdentityStore.Row r : store.all()) {
                System.out.printf("%-40s issued %s%s%n", r.identity().username(), r.issuedAt(),
                        r.live() ? "" : ", REVOKED " + r.revokedAt());
            }
            return 0;
        }
    }
}
