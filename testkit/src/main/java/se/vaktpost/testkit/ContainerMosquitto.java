package se.vaktpost.testkit;

import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.PortBinding;
import com.github.dockerjava.api.model.Ports;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.images.builder.Transferable;

/** The eclipse-mosquitto image via Testcontainers, bound to a fixed free host port so a restart keeps it. */
final class ContainerMosquitto extends MosquittoBroker {
    private GenericContainer<?> container;

    ContainerMosquitto(int port, java.util.List<String> settings) {
        super(port, settings);
    }

    @Override
    protected String kind() {
        return "container";
    }

    @Override
    @SuppressWarnings("resource")
    protected void launch() {
        if (container != null) {
            DockerClientFactory.instance().client().startContainerCmd(container.getContainerId()).exec();
            return;
        }
        container = new GenericContainer<>("eclipse-mosquitto:2");
        if (identities == null) {
            container.withCopyToContainer(Transferable.of(config(1883)), "/mosquitto/config/mosquitto.conf");
        } else {
            java.nio.file.Path files = tempDir("mosquitto-config-");
            identities.writeBrokerFiles(files, java.nio.file.Path.of("/mosquitto/config"), 1883,
                    java.nio.file.Path.of("/mosquitto/data"), settings());
            for (String name : java.util.List.of("mosquitto.conf", "acl", "passwd", "ca.crt", "broker.crt", "broker.key")) {
                container.withCopyToContainer(org.testcontainers.utility.MountableFile.forHostPath(files.resolve(name), 0644),
                        "/mosquitto/config/" + name);
            }
        }
        container.withCreateContainerCmdModifier(cmd -> cmd.getHostConfig().withPortBindings(
                        new PortBinding(Ports.Binding.bindIpAndPort("127.0.0.1", port), new ExposedPort(1883))));
        container.start();
    }

    @Override
    protected void reloadPasswords() {
        java.nio.file.Path files = tempDir("mosquitto-passwd-");
        identities.rewritePasswords(files);
        container.copyFileToContainer(org.testcontainers.utility.MountableFile.forHostPath(files.resolve("passwd"), 0644),
                "/mosquitto/config/passwd");
        DockerClientFactory.instance().client().killContainerCmd(container.getContainerId()).withSignal("HUP").exec();
    }

    @Override
    public String log() {
        return container.getLogs();
    }

    @Override
    public void kill() {
        DockerClientFactory.instance().client().killContainerCmd(container.getContainerId()).withSignal("KILL").exec();
    }

    @Override
    public void close() {
        if (container != null) {
            container.stop();
        }
    }
}
