package se.vaktpost.testkit;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A main class in a child JVM on the test's own classpath, so a test can SIGKILL the hub or an
 * agent as a real process and count what survived. Output is kept line by line and echoed to a
 * log file for post-mortems.
 */
public final class JavaProcess implements AutoCloseable {
    private final String name;
    private final Process process;
    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final Writer stdin;

    private JavaProcess(String name, Process process, Path log) {
        this.name = name;
        this.process = process;
        this.stdin = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        Thread reader = new Thread(() -> pump(log), name + "-output");
        reader.setDaemon(true);
        reader.start();
    }

    public static JavaProcess start(String name, Class<?> mainClass, Path log, List<String> args) {
        return start(name, mainClass, log, args, java.util.Map.of());
    }

    /** As {@link #start(String, Class, Path, List)}, with extra environment variables for the child. */
    public static JavaProcess start(String name, Class<?> mainClass, Path log, List<String> args,
                                    java.util.Map<String, String> env) {
        return launch(name, List.of("-cp", classpath(), mainClass.getName()), log, args, env);
    }

    /**
     * A built application jar as an operator runs it ({@code java -jar}): its own logging
     * configuration and manifest, not the test classpath's.
     */
    public static JavaProcess startJar(String name, Path jar, Path log, List<String> args, java.util.Map<String, String> env) {
        if (!java.nio.file.Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is not built; run the Maven build through 'package' first");
        }
        return launch(name, List.of("-jar", jar.toAbsolutePath().toString()), log, args, env);
    }

    private static JavaProcess launch(String name, List<String> what, Path log, List<String> args,
                                      java.util.Map<String, String> env) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-Xmx256m");
        cmd.add("-XX:TieredStopAtLevel=1");
        cmd.addAll(what);
        cmd.addAll(args);
        try {
            ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
            pb.environment().putAll(env);
            return new JavaProcess(name, pb.start(), log);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name, e);
        }
    }

    /** Surefire hides the real classpath behind a booter jar; it publishes it here. */
    private static String classpath() {
        String cp = System.getProperty("surefire.test.class.path");
        return cp != null && !cp.isBlank() ? cp : System.getProperty("java.class.path");
    }

    private void pump(Path log) {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
             Writer w = java.nio.file.Files.newBufferedWriter(log, StandardCharsets.UTF_8,
                     java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND)) {
            String line;
            while ((line = r.readLine()) != null) {
                lines.add(line);
                // Echoed so the surefire report of a failed test holds the child's story too.
                System.out.println("[" + name + "] " + line);
                w.write(line);
                w.write('\n');
                w.flush();
            }
        } catch (IOException e) {
            // process ended
        }
    }

    /** Waits for a line matching {@code test} and returns it. */
    public String awaitLine(Predicate<String> test, Duration timeout) {
        Instant end = Instant.now().plus(timeout);
        while (Instant.now().isBefore(end)) {
            for (String l : lines) {
                if (test.test(l)) {
                    return l;
                }
            }
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue() + "; output:\n" + tail());
            }
            MosquittoBroker.sleep(20);
        }
        throw new IllegalStateException(name + " did not print the expected line within " + timeout + "; output:\n" + tail());
    }

    public String awaitLine(String contains, Duration timeout) {
        return awaitLine(l -> l.contains(contains), timeout);
    }

    /** Waits for a line containing {@code contains} printed after the first {@code skip} lines. */
    public String awaitLineAfter(int skip, String contains, Duration timeout) {
        Instant end = Instant.now().plus(timeout);
        while (Instant.now().isBefore(end)) {
            List<String> all = lines();
            for (String l : all.subList(Math.min(skip, all.size()), all.size())) {
                if (l.contains(contains)) {
                    return l;
                }
            }
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue() + "; output:\n" + tail());
            }
            MosquittoBroker.sleep(20);
        }
        throw new IllegalStateException(name + " did not print '" + contains + "' within " + timeout + "; output:\n" + tail());
    }

    public List<String> lines() {
        return List.copyOf(lines);
    }

    public void send(String line) {
        try {
            stdin.write(line + "\n");
            stdin.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write to " + name, e);
        }
    }

    /** SIGKILL: no shutdown hooks, no goodbye on the network. */
    public void kill() {
        process.destroyForcibly();
        waitFor();
    }

    /** Waits for the process to end by itself and returns its exit status. */
    public int awaitExit(Duration timeout) {
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException(name + " still running after " + timeout + "; output:\n" + tail());
            }
            return process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** The process id, to look at its threads in /proc. */
    public long pid() {
        return process.pid();
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroy();
            if (!waitFor()) {
                kill();
            }
        }
    }

    private boolean waitFor() {
        try {
            return process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private String tail() {
        List<String> all = lines();
        return String.join("\n", all.subList(Math.max(0, all.size() - 40), all.size()));
    }
}
