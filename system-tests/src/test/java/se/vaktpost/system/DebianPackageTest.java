package se.vaktpost.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import se.vaktpost.system.fixture.Await;
import se.vaktpost.system.fixture.Commands;
import se.vaktpost.system.fixture.HttpProbe;
import se.vaktpost.system.fixture.MachineLock;
import se.vaktpost.testkit.FreePort;

/**
 * The hub's Debian package on this machine, as an IT department installs it: {@code dpkg -i},
 * systemd's own check of the units, the hub started exactly as its unit's ExecStart says (as its
 * service user, with the options from its EnvironmentFile), answering /health/ready; then purged.
 * Needs root and dpkg (CI runs as root on Debian).
 */
class DebianPackageTest {
    private static final Path UNIT = Path.of("/lib/systemd/system/vaktpost-hub.service");
    private static final Path ENV = Path.of("/etc/vaktpost/hub.env");

    @TempDir
    Path dir;
    private Process hub;
    /** Installed packages and system users are the machine's: held from before the first dpkg to after the purge. */
    private MachineLock packages;

    private static Path debianPackage(String module, String name) throws IOException {
        try (Stream<Path> s = Files.list(Path.of("..", module, "target"))) {
            return s.filter(p -> p.getFileName().toString().matches(name + "_.*_all\\.deb")).findFirst()
                    .orElseThrow(() -> new IllegalStateException("no " + name + " .deb in " + module + "/target: run 'package' first"))
                    .toAbsolutePath();
        }
    }

    private static int quiet(String... cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        return p.waitFor(120, TimeUnit.SECONDS) ? p.exitValue() : -1;
    }

    @AfterEach
    void purge() throws Exception {
        if (hub != null) {
            hub.descendants().forEach(ProcessHandle::destroyForcibly);
            hub.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        if (packages == null) {
            return; // skipped before it installed anything
        }
        try {
            quiet("dpkg", "--purge", "vaktpost-hub");
            quiet("dpkg", "--purge", "vaktpost-panel");
            if (gpioMadeHere) {
                quiet("delgroup", "--system", "gpio");
            }
        } finally {
            packages.close();
        }
    }

    private boolean gpioMadeHere;

    private static void verifyUnit(String unit) throws Exception {
        Process verify = new ProcessBuilder("systemd-analyze", "verify", "--man=no", "/lib/systemd/system/" + unit).start();
        String complaints = new String(verify.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(verify.waitFor()).as("systemd-analyze verify %s: %s", unit, complaints).isZero();
        assertThat(complaints).as("systemd-analyze verify %s", unit).isBlank();
    }

    @Test
    void thePanelPackageRunsTheRealBoardAsAServiceUserInTheGpioGroup() throws Exception {
        assumeThat(System.getProperty("user.name")).as("dpkg -i needs root (CI runs as root)").isEqualTo("root");
        assumeThat(Path.of("/usr/bin/dpkg")).exists();
        packages = MachineLock.acquire("debian-packages");
        quiet("dpkg", "--purge", "vaktpost-panel");
        gpioMadeHere = quiet("getent", "group", "gpio") != 0;

        Commands.run("dpkg", "-i", debianPackage("edge-agent", "vaktpost-panel").toString());
        assertThat(Commands.run("id", "-nG", "vaktpost").trim().split(" ")).containsExactlyInAnyOrder("vaktpost", "gpio");
        verifyUnit("vaktpost-panel.service");
        String service = Files.readString(Path.of("/lib/systemd/system/vaktpost-panel.service"));
        assertThat(service).contains("User=vaktpost", "SupplementaryGroups=gpio", "Restart=always", "NoNewPrivileges=yes",
                "ProtectSystem=strict", "ReadWritePaths=/var/lib/vaktpost", "--board gpiod");
        assertThat(Path.of("/etc/vaktpost/panel")).isDirectory();
        assertThat(Commands.run("java", "-jar", "/usr/share/vaktpost/edge-agent.jar", "--version")).contains("vaktpost edge-agent");

        Commands.run("dpkg", "--purge", "vaktpost-panel");
        assertThat(quiet("id", "vaktpost")).as("the service user is gone after purge").isNotZero();
    }

    @Test
    void theHubPackageInstallsItsUnitsPassSystemdsCheckAndTheHubAnswersWhenStartedAsTheUnitSays() throws Exception {
        assumeThat(System.getProperty("user.name")).as("dpkg -i needs root (CI runs as root)").isEqualTo("root");
        assumeThat(Path.of("/usr/bin/dpkg")).exists();
        packages = MachineLock.acquire("debian-packages");
        quiet("dpkg", "--purge", "vaktpost-hub");

        Commands.run("dpkg", "-i", debianPackage("central-hub", "vaktpost-hub").toString());
        assertThat(Commands.run("dpkg", "-s", "vaktpost-hub")).contains("Status: install ok installed");
        assertThat(Commands.run("id", "-nG", "vaktpost").trim()).isEqualTo("vaktpost");
        assertThat(Files.getOwner(Path.of("/var/lib/vaktpost")).getName()).isEqualTo("vaktpost");
        assertThat(Commands.run("dpkg-query", "--showformat=${Conffiles}", "-W", "vaktpost-hub"))
                .contains("/etc/vaktpost/hub.env").contains("/etc/vaktpost/sites.yaml");
        for (String unit : List.of("vaktpost-hub.service", "vaktpost-backup.service", "vaktpost-backup.timer")) {
            verifyUnit(unit);
        }
        String service = Files.readString(UNIT);
        assertThat(service).contains("User=vaktpost", "Restart=always", "NoNewPrivileges=yes", "ProtectSystem=strict",
                "ReadWritePaths=/var/lib/vaktpost");
        // the broker above the hub (docs/operations.md): a drop-in for Debian's mosquitto.service,
        // weighing the service as a whole (a nice value would not count across services)
        assertThat(Files.readAllLines(Path.of("/lib/systemd/system/mosquitto.service.d/vaktpost-priority.conf")))
                .contains("[Service]", "CPUWeight=300").noneMatch(line -> line.startsWith("Nice="));
        if (Files.exists(Path.of("/lib/systemd/system/mosquitto.service"))) {
            verifyUnit("mosquitto.service"); // with the drop-in: a key systemd does not know would be named here
        }

        // as an operator configures a lab hub: its own broker on a free port (production: --mqtt-credentials)
        int http = FreePort.find();
        String options = "--http-host 127.0.0.1 --http-port " + http + " --mqtt-port " + FreePort.find();
        Files.writeString(ENV, Files.readString(ENV).replaceAll("(?m)^VAKTPOST_HUB_OPTIONS=.*$",
                "VAKTPOST_HUB_OPTIONS=\"" + options + "\""));
        List<String> cmd = new ArrayList<>(List.of("runuser", "-u", "vaktpost", "--"));
        cmd.addAll(execStart(service, "VAKTPOST_HUB_OPTIONS", options));
        hub = new ProcessBuilder(cmd).directory(Path.of("/var/lib/vaktpost").toFile()).redirectErrorStream(true)
                .redirectOutput(dir.resolve("hub.log").toFile()).start();
        try {
            Await.until(() -> HttpProbe.ok(http, "/health/ready"), Duration.ofSeconds(90), "the packaged hub to answer /health/ready");
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "; its log:\n" + log(), e);
        }
        assertThat(Files.getOwner(Path.of("/var/lib/vaktpost/hub.db")).getName()).as("the database belongs to the service user")
                .isEqualTo("vaktpost");
        hub.descendants().forEach(ProcessHandle::destroyForcibly);
        hub.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        hub = null;

        Commands.run("dpkg", "--purge", "vaktpost-hub");
        assertThat(quiet("id", "vaktpost")).as("the service user is gone after purge").isNotZero();
        assertThat(Path.of("/var/lib/vaktpost")).doesNotExist();
    }

    /** The unit's ExecStart, split as systemd splits it, with the one variable it uses put in. */
    private static List<String> execStart(String unit, String variable, String value) {
        String line = unit.lines().filter(l -> l.startsWith("ExecStart=")).findFirst().orElseThrow().substring("ExecStart=".length());
        List<String> argv = new ArrayList<>();
        for (String word : line.trim().split("\\s+")) {
            if (word.equals("$" + variable)) {
                argv.addAll(List.of(value.split("\\s+")));
            } else {
                assertThat(word).as("ExecStart uses no other variable").doesNotContain("$");
                argv.add(word);
            }
        }
        return argv;
    }

    private String log() {
        try {
            return Files.readString(dir.resolve("hub.log"));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }
}
