package se.vaktpost.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import se.vaktpost.system.fixture.Await;
import se.vaktpost.system.fixture.Commands;
import se.vaktpost.system.fixture.HttpProbe;
import se.vaktpost.testkit.FreePort;

/**
 * The hub's OCI image as Jib built it (no Docker daemon): its configuration is what a container
 * runtime needs, and its file system, unpacked layer by layer, runs the hub as the image says
 * (its entrypoint, as uid 1000 in its working directory; chroot stands in for a container
 * runtime, which this machine lacks) and answers /health/ready.
 */
class ContainerImageTest {
    private static final Path IMAGE = Path.of("../central-hub/target/central-hub-image.tar");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;
    private Process hub;
    private Path proc;
    private Path sys;

    @AfterEach
    void stop() throws Exception {
        if (hub != null) {
            hub.descendants().forEach(ProcessHandle::destroyForcibly);
            hub.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        for (Path mounted : new Path[] {proc, sys}) {
            if (mounted != null) {
                new ProcessBuilder("umount", "-l", mounted.toString()).start().waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    @Test
    void theImageRunsTheHubAsItsConfigurationSays() throws Exception {
        assertThat(IMAGE).as("built by the package phase (jib:buildTar)").exists();
        Path unpacked = Files.createDirectories(dir.resolve("image"));
        Commands.run("tar", "-xf", IMAGE.toAbsolutePath().toString(), "-C", unpacked.toString());
        JsonNode manifest = JSON.readTree(unpacked.resolve("manifest.json").toFile()).get(0);
        assertThat(manifest.get("RepoTags").get(0).asText()).startsWith("vaktpost/central-hub:");
        JsonNode config = JSON.readTree(unpacked.resolve(manifest.get("Config").asText()).toFile()).get("config");
        assertThat(config.get("User").asText()).as("not root").isEqualTo("1000:1000");
        assertThat(config.get("ExposedPorts").has("8080/tcp")).isTrue();
        assertThat(config.get("Volumes").has("/var/lib/vaktpost")).isTrue();
        assertThat(config.get("Labels").get("org.opencontainers.image.revision").asText()).matches("[0-9a-f]{10}");

        assumeThat(System.getProperty("user.name")).as("chroot and mount need root (CI runs as root)").isEqualTo("root");
        Path root = Files.createDirectories(dir.resolve("rootfs"));
        for (JsonNode layer : manifest.get("Layers")) {
            Commands.run("tar", "--numeric-owner", "-xzf", unpacked.resolve(layer.asText()).toString(), "-C", root.toString());
        }
        Files.createDirectories(root.resolve("etc/vaktpost"));
        Files.copy(Path.of("../config/sites.example.yaml"), root.resolve("etc/vaktpost/sites.yaml"));
        // what a container runtime mounts: /proc, and /sys read-only (the embedded broker reads the CPUs there)
        proc = Files.createDirectories(root.resolve("proc"));
        Commands.run("mount", "-t", "proc", "proc", proc.toString());
        sys = Files.createDirectories(root.resolve("sys"));
        Commands.run("mount", "-t", "sysfs", "-o", "ro", "sysfs", sys.toString());

        // the image's entrypoint, with the operator's options (a lab hub: its own broker on a free port)
        int http = FreePort.find();
        // (the image has no shell or env, as it should not: chroot starts in / rather than its WorkingDir,
        // which only relative paths would notice, and the hub uses none)
        List<String> cmd = new ArrayList<>(List.of("chroot", "--userspec=" + config.get("User").asText(), root.toString()));
        config.get("Entrypoint").forEach(e -> cmd.add(e.asText()));
        cmd.addAll(List.of("--config", "/etc/vaktpost/sites.yaml", "--db", "/var/lib/vaktpost/hub.db",
                "--http-host", "127.0.0.1", "--http-port", String.valueOf(http), "--mqtt-port", String.valueOf(FreePort.find())));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(dir.resolve("hub.log").toFile());
        pb.environment().clear();
        config.get("Env").forEach(e -> {
            String[] kv = e.asText().split("=", 2);
            pb.environment().put(kv[0], kv[1]);
        });
        hub = pb.start();
        try {
            Await.until(() -> HttpProbe.ok(http, "/health/ready"), Duration.ofSeconds(90), "the hub in the image to answer /health/ready");
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "; its log:\n" + Files.readString(dir.resolve("hub.log")), e);
        }
        assertThat(Files.getAttribute(root.resolve("var/lib/vaktpost/hub.db"), "unix:uid")).as("written as uid 1000").isEqualTo(1000);
        // the health check deploy/compose.yaml gives the container: the hub's own probe, inside the image
        ProcessBuilder probe = new ProcessBuilder("chroot", "--userspec=1000:1000", root.toString(), "java", "-cp", "/app/classes",
                "se.vaktpost.hub.app.HealthProbe", "http://127.0.0.1:" + http + "/health/ready").redirectErrorStream(true);
        probe.environment().clear();
        probe.environment().putAll(pb.environment());
        Process p = probe.start();
        String said = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as("the image's health probe: %s", said).isZero();
    }
}
