package se.vaktpost.agent.host;

import com.sun.jna.Library;
import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import se.vaktpost.agent.panel.Host;

/**
 * The Linux machine a real panel runs on, through JNA: the kernel's clock-synchronisation state
 * ({@code adjtimex}, set by whichever NTP client runs: systemd-timesyncd, chrony or ntpd) and
 * systemd's notification socket ({@code sd_notify} of libsystemd) for readiness and the watchdog.
 * Where a library is missing it answers "unknown" and notifies no one.
 */
public final class LinuxHost implements Host {
    private static final Logger LOG = LoggerFactory.getLogger(LinuxHost.class);
    /** adjtimex's answer when the kernel clock is not synchronised. */
    private static final int TIME_ERROR = 5;
    /** sizeof(struct timex) is 208 on 64-bit Linux; room to spare. */
    private static final int TIMEX_BYTES = 512;

    interface C extends Library {
        int adjtimex(Pointer timex);
    }

    interface Systemd extends Library {
        int sd_notify(int unsetEnvironment, String state);
    }

    private final String version;
    private final C c;
    private final Systemd systemd;
    private final Optional<Duration> watchdog;

    private LinuxHost(String version, C c, Systemd systemd, Optional<Duration> watchdog) {
        this.version = version;
        this.c = c;
        this.systemd = systemd;
        this.watchdog = watchdog;
    }

    /** This machine; {@code env} is the process environment (NOTIFY_SOCKET, WATCHDOG_USEC from systemd). */
    public static LinuxHost open(String version, java.util.Map<String, String> env) {
        C c = load("c", C.class);
        Systemd systemd = env.containsKey("NOTIFY_SOCKET") ? load("systemd", Systemd.class) : null;
        Optional<Duration> watchdog = Optional.ofNullable(env.get("WATCHDOG_USEC")).flatMap(LinuxHost::micros)
                .filter(d -> systemd != null);
        watchdog.ifPresent(d -> LOG.info("systemd watchdog: told every {} ms", d.dividedBy(2).toMillis()));
        return new LinuxHost(version, c, systemd, watchdog);
    }

    private static <T extends Library> T load(String name, Class<T> type) {
        try {
            return Native.load(name, type);
        } catch (UnsatisfiedLinkError e) {
            LOG.warn("lib{} not available ({}); the panel goes on without it", name, e.getMessage());
            return null;
        }
    }

    private static Optional<Duration> micros(String value) {
        try {
            long us = Long.parseLong(value.trim());
            return us > 0 ? Optional.of(Duration.ofNanos(us * 1000)) : Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    @Override
    public String version() {
        return version;
    }

    @Override
    public Boolean clockSynced() {
        if (c == null) {
            return null;
        }
        try (Memory timex = new Memory(TIMEX_BYTES)) {
            timex.clear(); // modes = 0: read only
            int state = c.adjtimex(timex);
            return state < 0 ? null : state != TIME_ERROR;
        }
    }

    @Override
    public Optional<Duration> watchdog() {
        return watchdog;
    }

    @Override
    public void notify(String state) {
        if (systemd != null) {
            systemd.sd_notify(0, state);
        }
    }
}
