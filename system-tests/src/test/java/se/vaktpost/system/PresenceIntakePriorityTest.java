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
 * carries the acks, nor any of the alarm path's — also after the broker was killed and the links
 * came back with new threads.
 */
@EnabledOnOs(OS.LINUX)
class PresenceIntakePriorityTest {
    /** The kernel's names (15 characters) of the production identities' threads ("hub", "hub.presence", "hub.states"). */
    private static final String RECEIVER = "MQTT Rec: hub.p";
    /** The presence link's and the state link's delivery threads share this cut name; only one is idle. */
    private static final String DELIVERY = "MQTT Call: hub.";
    /** Started by the receiver at each connect; it inherits the idle policy when the receiver had it then. */
    private static final String PINGER = "MQTT Ping: hub.";
    private static final LinuxThreads LINUX = LinuxThreads.open(why -> { throw new AssertionError(why); }).orElseThrow();

    @TempDir
    Path dir;

    record Task(int tid, String name, boolean idle) {
    }

    @Test
    void onlyThePresenceLinksIntakeIsIdleBeforeAndAfterTheBrokerCameBack() {
        try (MosquittoBroker broker = MosquittoBroker.start();
             HubProcess hub = new HubProcess(dir, broker, 2).start();
             PanelRig panels = new PanelRig(dir, broker)) {
            panels.add("alfa", "a1");
            panels.add("alfa", "a2");
            List<Panel> all = panels.all();
            Await.until(() -> all.stream().allMatch(Panel::connected), Duration.ofSeconds(20), "panels connected");
            long pid = hub.process().pid();

            Set<Integer> before = awaitIntakeIdle(pid, Set.of());

            int printed = hub.process().lines().size();
            broker.kill();
            broker.restart();
            hub.process().awaitLineAfter(printed, "presence link: connected to broker", Duration.ofSeconds(30));
            Await.until(() -> all.stream().allMatch(Panel::connected), Duration.ofSeconds(30), "panels back");

            Set<Integer> after = awaitIntakeIdle(pid, before);
            assertThat(after).as("the new connection's threads, not the old ones'").doesNotContainAnyElementsOf(before);
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
                    out.add(new Task(tid, name, LINUX.isIdle(tid)));
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
