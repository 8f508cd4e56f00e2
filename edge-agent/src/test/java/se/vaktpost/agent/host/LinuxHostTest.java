package se.vaktpost.agent.host;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LinuxHostTest {
    @Test
    void theKernelTellsWhetherTheClockIsSynchronised() {
        LinuxHost host = LinuxHost.open("0.1.0", Map.of());
        assertThat(host.clockSynced()).as("adjtimex answers on Linux").isNotNull();
        assertThat(host.version()).isEqualTo("0.1.0");
    }

    @Test
    void withoutSystemdNothingIsToldAndThereIsNoWatchdog() {
        LinuxHost host = LinuxHost.open("0.1.0", Map.of("WATCHDOG_USEC", "30000000"));
        assertThat(host.watchdog()).as("a watchdog needs systemd's socket too").isEmpty();
        host.notify("READY=1");
    }

    @Test
    void underSystemdTheWatchdogPeriodComesFromItsEnvironment() {
        LinuxHost host = LinuxHost.open("0.1.0", Map.of("NOTIFY_SOCKET", "/nonexistent/notify", "WATCHDOG_USEC", "30000000"));
        assertThat(host.watchdog()).contains(Duration.ofSeconds(30));
        host.notify("WATCHDOG=1"); // a socket that is not there: sd_notify says so, the panel goes on
        assertThat(LinuxHost.open("0.1.0", Map.of("NOTIFY_SOCKET", "/x", "WATCHDOG_USEC", "soon")).watchdog()).isEmpty();
    }
}
