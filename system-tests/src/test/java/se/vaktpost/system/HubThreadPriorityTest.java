package se.vaktpost.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;
import se.vaktpost.agent.panel.Panel;
import se.vaktpost.hub.threads.LinuxThreads;
import se.vaktpost.system.fixture.Await;
import se.vaktpost.system.fixture.HubProcess;
import se.vaktpost.system.fixture.PanelRig;
import se.vaktpost.testkit.MosquittoBroker;

/**
 * The real hub on a secure broker, as the product runs it: the presence link's receiving and
 * delivering threads run at Linux's idle policy, and no other thread does — not its sender, which
 * carries the acks, nor any of the alarm path's; the alarm path (the core and the alarm and state
 * links' senders) runs at the real-time policy, and nothing else does — also after the broker was
 * killed and the links came back with new threads.
 */
@EnabledOnOs(OS.LINUX)
class HubThreadPriorityTest {
    /** The kernel's names (15 characters) of the production identities' threads ("hub", "hub.presence", "hub.states"). */
    private static final String RECEIVER = "MQTT Rec: hub.p";
    /** The presence link's and the state link's delivery threads share this cut name; only one is idle. */
    private static final String DELIVERY = "MQTT Call: hub.";
    /** Started by the receiver at each connect; it inherits the idle policy when the receiver had it then. */
    private static final String PINGER = "MQTT Ping: hub.";
    /** The alarm path's threads at the real-time policy (the test runs as root, as CI does, or it is skipped). */
    private static final Set<String> REALTIME = Set.of("hub-core", "MQTT Snd: hub", "MQTT Snd: hub.s");
    private static final LinuxThreads LINUX = LinuxThreads.open(why -> { throw new AssertionError(why); }).orElseThrow();

    @TempDir
    Path dir;

    record Task(int tid, String name, boolean idle, boolean realtime) {
    }

    @Test
    void thePresenceIntakeIsIdleAndTheAlarmPathRealtimeBeforeAndAfterTheBrokerCameBack() {
        try (MosquittoBroker broker = MosquittoBroker.start();
             HubProcess hub = new HubProcess(dir, broker, 2).start();
             PanelRig panels = new PanelRig(dir, broker)) {
            panels.add("alfa", "a1");
            panels.add("alfa", "a2");
            List<Panel> all = panels.all();
            Await.until(() -> all.stream().allMatch(Panel::connected), Duration.ofSeconds(20), "panels connected");
            long pid = hub.process().pid();

            Set<Integer> before = awaitIntakeIdle(pid, Set.of());
            Set<Integer> sendersBefore = awaitAlarmPathRealtime(pid, Set.of());

            int printed = hub.process().lines().size();
            broker.kill();
            broker.restart();
            hub.process().awaitLineAfter(printed, "presence link: connected to broker", Duration.ofSeconds(30));
            Await.until(() -> all.stream().allMatch(Panel::connected), Duration.ofSeconds(30), "panels back");

            Set<Integer> after = awaitIntakeIdle(pid, before);
            assertThat(after).as("the new connection's threads, not the old ones'").doesNotContainAnyElementsOf(before);
            awaitAlarmPathRealtime(pid, sendersBefore);
        }
    }

    /** Waits until the intake's threads (other than {@code old}) are idle, then checks that no other thread is. */
    private static Set<Integer> awaitIntakeIdle(long pid, Set<Integer> old) {
        // the hub looks for new threads every 10 s; the delivery thread sets itself at its first message
        Await.until(() -> {
            List<Task> now = tasks(pid);
            return idleIds(now, RECEIVER, old) == 1 && idleIds(now, DELIVERY, old) == 1;
        }, Duration.ofSeconds(40), "the presence link's receiver and delivery thread at the idle policy");
        List<Task> now = tasks(pid);
        List<Task> idle = now.stream().filter(Task::idle).toList();
        assertThat(idle).as("idle threads: the presence link's intake (and its pinger), nothing else")
                .allSatisfy(t -> assertThat(t.name()).isIn(RECEIVER, DELIVERY, PINGER));
        Map<String, Long> byName = idle.stream().collect(Collectors.groupingBy(Task::name, Collectors.counting()));
        assertThat(byName.get(DELIVERY)).as("the presence link's delivery thread, not the state link's").isEqualTo(1L);
        assertThat(now).as("the sender that carries the acks, and the alarm path")
                .filteredOn(t -> t.name().equals("MQTT Snd: hub.p") || t.name().equals("hub-core")
                        || t.name().equals("MQTT Rec: hub") || t.name().equals("hub-timers"))
                .hasSizeGreaterThanOrEqualTo(4).noneMatch(Task::idle);
        return idle.stream().map(Task::tid).collect(Collectors.toSet());
    }

    /**
     * Waits until the core and the links' senders (other than {@code old}) are real-time, and checks
     * that no other thread is; where the hub may not have the policy (neither root nor an
     * RLIMIT_RTPRIO, the hub then warns and goes on), that no thread is.
     */
    private static Set<Integer> awaitAlarmPathRealtime(long pid, Set<Integer> old) {
        if (!realtimeAllowed()) {
            assertThat(tasks(pid)).as("no privilege, no real-time thread").noneMatch(Task::realtime);
            return Set.of();
        }
        Await.until(() -> REALTIME.stream().allMatch(name -> tasks(pid).stream()
                        .anyMatch(t -> t.name().equals(name) && t.realtime() && (name.equals("hub-core") || !old.contains(t.tid())))),
                Duration.ofSeconds(30), "the hub's core and the alarm and state links' senders at the real-time policy");
        List<Task> realtime = tasks(pid).stream().filter(Task::realtime).toList();
        assertThat(realtime).as("real-time threads: the alarm path only").allSatisfy(t -> assertThat(t.name()).isIn(REALTIME));
        return realtime.stream().filter(t -> !t.name().equals("hub-core")).map(Task::tid).collect(Collectors.toSet());
    }

    /** CAP_SYS_NICE's bit in the capability sets (capability.h). */
    private static final int CAP_SYS_NICE = 23;

    /**
     * Whether the hub, which this test starts with its own capabilities and limits, may use real-time
     * priority 1: CAP_SYS_NICE in effect (root, unless a container took it away) or an RLIMIT_RTPRIO.
     */
    private static boolean realtimeAllowed() {
        try {
            boolean root = Files.readAllLines(Path.of("/proc/self/status")).stream()
                    .filter(l -> l.startsWith("CapEff:")).map(l -> Long.parseUnsignedLong(l.split("\\s+")[1], 16))
                    .anyMatch(caps -> (caps >>> CAP_SYS_NICE & 1) == 1);
            boolean limit = Files.readAllLines(Path.of("/proc/self/limits")).stream()
                    .filter(l -> l.startsWith("Max realtime priority")).map(l -> l.trim().split("\\s+")[3])
                    .anyMatch(soft -> soft.equals("unlimited") || Integer.parseInt(soft) >= 1);
            return root || limit;
        } catch (IOException e) {
            return false;
        }
    }

    private static long idleIds(List<Task> tasks, String name, Set<Integer> old) {
        return tasks.stream().filter(t -> t.name().equals(name) && t.idle() && !old.contains(t.tid())).count();
    }

    /** Each thread's kernel name ({@code comm}) and whether the kernel runs it at the idle policy. */
    private static List<Task> tasks(long pid) {
        List<Task> out = new ArrayList<>();
        try (Stream<Path> dirs = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
            for (Path d : dirs.toList()) {
                int tid = Integer.parseInt(d.getFileName().toString());
                try {
                    String name = Files.readString(d.resolve("comm"), StandardCharsets.UTF_8).strip();
                    out.add(new Task(tid, name, LINUX.isIdle(tid), LINUX.isRealtime(tid)));
                } catch (IOException | RuntimeException ended) {
                    // a thread that ended while we listed
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("the hub's threads could not be listed", e);
        }
        return out;
    }
}
