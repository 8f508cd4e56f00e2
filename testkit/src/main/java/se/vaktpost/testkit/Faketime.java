package se.vaktpost.testkit;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Debian's libfaketime, to run a real child process with a shifted wall clock, as a Raspberry Pi
 * has after a power cut. The monotonic clock is shifted along with it (the default): the JVM's
 * timers then still work, even for a clock set to 1970.
 */
public final class Faketime {
    private static final List<String> LIBRARIES = List.of(
            "/usr/lib/x86_64-linux-gnu/faketime/libfaketime.so.1",
            "/usr/lib/aarch64-linux-gnu/faketime/libfaketime.so.1",
            "/usr/lib/faketime/libfaketime.so.1");

    private Faketime() {
    }

    /**
     * The environment for a child whose clock is {@code spec}: relative ("-2h", "+2h") or an absolute
     * start ("@1970-01-01 00:00:05") from which it then runs on.
     */
    public static Map<String, String> clock(String spec) {
        return Map.of("LD_PRELOAD", library(), "FAKETIME", spec);
    }

    /**
     * The environment for a child whose wall clock follows what {@code file} says ("+0", "+40m"),
     * read again every second, so a test can move it while the child runs. Only the wall clock: its
     * timers (the monotonic clock) keep running as they were. With the monotonic clock real, the
     * library's "monotonic fix" (it rewrites the deadline of every timed wait, and glibc 2.36 turns it
     * on) has nothing to fix, and it made a hub start in 25 s instead of 4: it is turned off.
     */
    public static Map<String, String> clockFile(Path file) {
        return Map.of("LD_PRELOAD", library(), "FAKETIME_TIMESTAMP_FILE", file.toAbsolutePath().toString(),
                "FAKETIME_CACHE_DURATION", "1", "FAKETIME_DONT_FAKE_MONOTONIC", "1", "FAKETIME_FORCE_MONOTONIC_FIX", "0");
    }

    private static String library() {
        return LIBRARIES.stream().filter(p -> Files.isReadable(Path.of(p))).findFirst().orElseThrow(() ->
                new IllegalStateException("libfaketime is missing: apt-get install -y faketime (.ci/run does this)"));
    }
}
