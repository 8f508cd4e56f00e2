package se.vaktpost.agent.app;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import se.vaktpost.agent.mqtt.MqttSettings;
import se.vaktpost.protocol.transport.BrokerConnection;
import se.vaktpost.protocol.transport.MqttCredentials;
import se.vaktpost.protocol.transport.MqttIdentity;
import se.vaktpost.agent.panel.Panel;
import se.vaktpost.agent.panel.PanelSettings;
import se.vaktpost.agent.press.PressInterpreter;
import se.vaktpost.agent.sim.SimulationConsole;
import se.vaktpost.hardware.Board;
import se.vaktpost.agent.host.LinuxHost;
import se.vaktpost.agent.panel.Host;
import se.vaktpost.hardware.BoardChoice;
import se.vaktpost.hardware.Boards;
import se.vaktpost.hardware.PinMap;
import se.vaktpost.hardware.PinMapFile;
import se.vaktpost.protocol.BuildInfo;
import se.vaktpost.protocol.Contract;

/** Starts one real panel (gpiod) or any number of simulated ones (Pi4J mock platform). Wiring only. */
@Command(name = "edge-agent", mixinStandardHelpOptions = true, versionProvider = AgentMain.Version.class,
        description = "Vaktpost reception panel agent.")
public final class AgentMain implements Callable<Integer> {
    private static final Logger LOG = LoggerFactory.getLogger(AgentMain.class);

    /** This build of the agent. */
    public static final BuildInfo BUILD = BuildInfo.of("edge-agent");

    /** {@code --version}: the build's version and commit. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return BUILD.versionLines();
        }
    }

    @Option(names = "--panel", required = true, split = ",", paramLabel = "SITE/PANEL",
            description = "Panel to run, e.g. skola-a/reception-1; repeat or comma-separate for several simulated panels.")
    List<String> panels;

    @Option(names = "--mqtt-url", description = "Broker URL: ssl://HOST:8883 with --credentials (default: the one in the "
            + "credentials); without credentials a plain lab broker, default tcp://127.0.0.1:1883.")
    String mqttUrl;

    @Option(names = "--credentials", paramLabel = "DIR", description = "The panel's MQTT identity, as 'central-hub panels provision' "
            + "wrote it (mqtt.properties, ca.crt). With several --panel: one sub-directory SITE/PANEL each.")
    Path credentials;

    @Option(names = "--data-dir", defaultValue = "data/agent", description = "Folder for the outbox databases (default: ${DEFAULT-VALUE}).")
    Path dataDir;

    @Option(names = "--board", description = "gpiod (a Raspberry Pi's GPIO) or mock (simulated). Required on a Raspberry Pi; "
            + "elsewhere mock.")
    BoardChoice.Kind askedBoard;

    private BoardChoice.Kind board;

    @Option(names = "--pins", description = "Pin overrides for a differently wired panel (see hardware/README.md).")
    Path pinFile;

    @Option(names = "--hold-ms", defaultValue = "1500", description = "How long the lockdown button must be held (default: ${DEFAULT-VALUE}).")
    long holdMs;

    @Option(names = "--debounce-ms", defaultValue = "20", description = "Input debounce (default: ${DEFAULT-VALUE}).")
    long debounceMs;

    @Option(names = "--keepalive-s", defaultValue = "10", description = "MQTT keep-alive (default: ${DEFAULT-VALUE}).")
    int keepAliveSeconds;

    @Option(names = "--heartbeat-s", defaultValue = "5", description = "Presence heartbeat interval (default: ${DEFAULT-VALUE}).")
    int heartbeatSeconds;

    @Option(names = "--retry-s", defaultValue = "3", description = "Send an event again when the hub has not acked it after this long (default: ${DEFAULT-VALUE}).")
    int retrySeconds;

    @Option(names = "--console", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Read button presses for simulated panels from standard input (default: on).")
    boolean console;

    @Override
    public Integer call() throws Exception {
        try {
            board = BoardChoice.decide(Optional.ofNullable(askedBoard), BoardChoice.raspberryPi(BoardChoice.DEVICE_TREE_MODEL));
        } catch (BoardChoice.Refused e) {
            throw new CommandLine.ParameterException(new CommandLine(this), e.getMessage());
        }
        if (board == BoardChoice.Kind.gpiod && panels.size() != 1) {
            throw new CommandLine.ParameterException(new CommandLine(this), "a gpiod board runs exactly one --panel");
        }
        PinMap pins = pinFile == null ? PinMap.defaults() : PinMapFile.load(pinFile);
        List<Panel> running = new ArrayList<>();
        for (String ref : panels) {
            running.add(startPanel(ref, pins));
        }
        CountDownLatch stop = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            running.forEach(Panel::close);
            stop.countDown();
        }, "shutdown"));
        LOG.info("{} panel(s) running against {}{}", running.size(), mqttUrl != null ? mqttUrl : "the broker",
                credentials != null ? " with their own MQTT identities" : " (no credentials: a lab broker)");
        if (board == BoardChoice.Kind.mock && console) {
            new SimulationConsole(running, System.in, System.out).run();
            System.exit(0);
        }
        stop.await();
        return 0;
    }

    private Panel startPanel(String ref, PinMap pins) throws Exception {
        String[] parts = ref.split("/", -1);
        if (parts.length != 2 || !Contract.isIdentifier(parts[0]) || !Contract.isIdentifier(parts[1])) {
            throw new CommandLine.ParameterException(new CommandLine(this),
                    "--panel must be SITE/PANEL in lower case letters, digits and dashes: '" + ref + "'");
        }
        PanelSettings s = new PanelSettings(parts[0], parts[1], dataDir,
                new PressInterpreter.Settings(Duration.ofMillis(debounceMs), Duration.ofMillis(holdMs)),
                new MqttSettings(broker(parts[0], parts[1]), Duration.ofSeconds(keepAliveSeconds),
                        Duration.ofSeconds(heartbeatSeconds)),
                Duration.ofSeconds(retrySeconds), 10_000);
        Board b = board == BoardChoice.Kind.gpiod ? Boards.gpiod(pins) : Boards.simulated(pins, ref);
        Panel p = new Panel(s, b, Clock.systemUTC(), board == BoardChoice.Kind.gpiod
                ? LinuxHost.open(BUILD.describe(), System.getenv()) : Host.none(BUILD.describe()));
        p.start();
        return p;
    }

    /** As the panel's own identity when credentials are given; otherwise anonymous on a plain lab broker. */
    private BrokerConnection broker(String site, String panel) {
        if (credentials == null) {
            return BrokerConnection.anonymous(mqttUrl != null ? mqttUrl : "tcp://127.0.0.1:1883");
        }
        Path own = credentials.resolve(site).resolve(panel);
        MqttCredentials c = MqttCredentials.load(Files.isDirectory(own) ? own : credentials);
        String expected = MqttIdentity.panel(site, panel).username();
        if (!c.username().equals(expected)) {
            throw new IllegalArgumentException("the credentials in " + credentials + " are for " + c.username()
                    + ", not for " + site + "/" + panel + "; provision this panel with 'central-hub panels provision "
                    + site + "/" + panel + " --out DIR'");
        }
        return BrokerConnection.as(c, mqttUrl);
    }

    public static void main(String[] args) {
        CommandLine cli = new CommandLine(new AgentMain()).setCaseInsensitiveEnumValuesAllowed(true);
        cli.setExecutionExceptionHandler((ex, cmd, parsed) -> {
            if (ex instanceof java.io.IOException || ex instanceof IllegalArgumentException
                    || ex instanceof java.io.UncheckedIOException) {
                cmd.getErr().println("edge-agent: " + ex.getMessage());
                return 2;
            }
            throw ex;
        });
        int status;
        try {
            status = cli.execute(args);
        } catch (Throwable t) {
            // an Error in start-up must end the process so that systemd restarts the panel, never
            // leave one that runs without its loop
            t.printStackTrace();
            status = 1;
        }
        System.exit(status);
    }
}
