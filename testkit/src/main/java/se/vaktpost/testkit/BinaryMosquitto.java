package se.vaktpost.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** The Debian {@code mosquitto} binary as a child process. */
final class BinaryMosquitto extends MosquittoBroker {
    private final Path dir = tempDir("mosquitto-");
    private Process process;

    BinaryMosquitto(int port, java.util.List<String> settings) {
        super(port, settings);
    }

    @Override
    protected String kind() {
        return "binary";
    }

    @Override
    protected void launch() {
        String exe = Files.isExecutable(Path.of("/usr/sbin/mosquitto")) ? "/usr/sbin/mosquitto" : "mosquitto";
        try {
            Path data = Files.createDirectories(dir.resolve("data"));
            Path conf = dir.resolve("mosquitto.conf");
            if (identities == null) {
                Files.writeString(conf, config(port).replace("/mosquitto/data/", data + "/"));
            } else {
                identities.writeBrokerFiles(dir, dir, port, data, settings());
            }
            process = new ProcessBuilder(exe, "-c", conf.toString())
                    .redirectErrorStream(true)
                    .redirectOutput(dir.resolve("mosquitto.log").toFile())
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start mosquitto; install it with 'apt-get install -y mosquitto'", e);
        }
    }

    @Override
    protected void reloadPasswords() {
        identities.rewritePasswords(dir);
        try {
            Process hup = new ProcessBuilder("kill", "-HUP", String.valueOf(process.pid())).inheritIO().start();
            if (hup.waitFor() != 0) {
                throw new IllegalStateException("kill -HUP " + process.pid() + " failed");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public String log() {
        try {
            return Files.readString(dir.resolve("mosquitto.log"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void kill() {
        process.destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        if (process != null && process.isAlive()) {
            process.destroy();
            try {
                if (!process.waitFor(5, TimeUnit.SECONDS)) {
                    kill();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
