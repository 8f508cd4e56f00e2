package se.vaktpost.hub.app;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import se.vaktpost.hub.brokeraccess.BrokerAccess;
import se.vaktpost.hub.brokeraccess.IdentityStore;
import se.vaktpost.mqttsecurity.BrokerConfig;

/** {@code central-hub broker-config}: a Mosquitto configuration that enforces who may do what. */
@Command(name = "broker-config", mixinStandardHelpOptions = true,
        description = "Write a Mosquitto configuration for the registry: TLS-only listener, no anonymous clients, "
                + "the password file of every provisioned panel and the hub, and the ACL.")
final class BrokerConfigCommand extends PanelsCommand.Base {
    @Option(names = "--out", required = true, description = "Directory to write mosquitto.conf, acl, passwd, ca.crt, broker.crt, broker.key into.")
    Path out;

    @Option(names = "--host", description = "Host name or IP address clients use for the broker; repeat for several "
            + "(the certificate names them all; the first goes into the hub's broker URL). Default: localhost and 127.0.0.1.")
    List<String> hosts = new ArrayList<>();

    @Option(names = "--port", defaultValue = "8883", description = "TLS listener port (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--bind", description = "Address the listener binds to (default: every interface).")
    String bind;

    @Option(names = "--install-dir", description = "Where the files will lie on the broker host (default: --out).")
    Path installDir;

    @Option(names = "--data-dir", defaultValue = "/var/lib/mosquitto", description = "Mosquitto's persistence directory (default: ${DEFAULT-VALUE}).")
    Path dataDir;

    @Option(names = "--set", description = "An extra Mosquitto configuration line, e.g. --set 'max_inflight_messages 20'.")
    List<String> extra = new ArrayList<>();

    @Override
    int run(BrokerAccess access, IdentityStore store, PanelsCommand.Audit audit) throws Exception {
        List<String> names = hosts.isEmpty() ? List.of("localhost", "127.0.0.1") : hosts;
        Path install = installDir != null ? installDir : out.toAbsolutePath();
        BrokerAccess.Written w = access.writeBrokerConfig(out,
                new BrokerConfig.Settings(port, bind, install, dataDir, extra), names);
        audit.record("BROKER_CONFIG", out.toAbsolutePath().toString());
        System.out.printf("broker configuration written to %s: %d of %d panels provisioned%n", out, w.panelsProvisioned(), w.panelsInRegistry());
        if (!w.notInRegistry().isEmpty()) {
            System.out.println("left out (provisioned but no longer in the registry): " + String.join(", ", w.notInRegistry()));
        }
        System.out.println("the hub's own credentials: " + w.hubCredentials() + " (start the hub with --mqtt-credentials "
                + w.hubCredentials() + ")");
        System.out.println("next: install the files in " + install + " readable by the broker's user, then start Mosquitto "
                + "with -c " + install.resolve(BrokerConfig.CONF) + " or reload it (kill -HUP)");
        return 0;
    }
}
