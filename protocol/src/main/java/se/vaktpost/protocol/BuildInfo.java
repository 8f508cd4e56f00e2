package se.vaktpost.protocol;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * The build an application runs, as the build wrote it ({@code git-commit-id-maven-plugin}): its
 * version and commit, for {@code --version}, the health answer, the build-info metric and a
 * panel's status. A build from outside a Git checkout says "unknown" for the commit.
 */
public record BuildInfo(String application, String version, String commit, boolean dirty) {
    private static final String UNKNOWN = "unknown";

    /** The build of {@code application} (its Maven artifact id), e.g. "central-hub" or "edge-agent". */
    public static BuildInfo of(String application) {
        Properties p = new Properties();
        try (InputStream in = BuildInfo.class.getResourceAsStream("/META-INF/vaktpost/" + application + "-build.properties")) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the build information of " + application, e);
        }
        String commit = p.getProperty("git.commit.id.abbrev", "");
        return new BuildInfo(application, p.getProperty("git.build.version", UNKNOWN),
                commit.isBlank() ? UNKNOWN : commit, Boolean.parseBoolean(p.getProperty("git.dirty", "false")));
    }

    /** "0.1.0 (commit 1a2b3c4d5e)", with "+local changes" for a build from a changed checkout. */
    public String describe() {
        return version + " (commit " + commit + (dirty ? " +local changes" : "") + ")";
    }

    /** What {@code --version} prints: the application, its build and the MQTT contract it speaks. */
    public String[] versionLines() {
        return new String[] {"vaktpost " + application + " " + describe(), "MQTT contract " + Contract.VERSION};
    }
}
