package se.vaktpost.hub.threads;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class BackgroundPriorityTest {

    /** A process's threads, their nice values and which are at the idle policy, as the kernel would keep them. */
    static class FakeThreads extends FakeTasks implements BackgroundPriority.Nice {
        final Map<Integer, Integer> nice = new HashMap<>();
        final List<Integer> setCalls = new ArrayList<>();
        final Set<Integer> idle = new HashSet<>();
        int current = 0;
        boolean currentIdle;
        boolean refuse;
        boolean refuseIdle;

        FakeThreads thread(int tid, String name, int niceValue) {
            names.put(tid, name);
            nice.put(tid, niceValue);
            return this;
        }

        @Override
        public int of(int tid) {
            return nice.get(tid);
        }

        @Override
        public void set(int tid, int value) throws Exception {
            if (refuse || !names.containsKey(tid)) {
                throw new Exception("EPERM");
            }
            setCalls.add(tid);
            nice.put(tid, value);
        }

        @Override
        public void setCurrent(int value) throws Exception {
            if (refuse) {
                throw new Exception("EPERM");
            }
            current = value;
        }

        @Override
        public void idle(int tid) throws Exception {
            if (refuse || refuseIdle || !names.containsKey(tid)) {
                throw new Exception("EPERM");
            }
            idle.add(tid);
        }

        @Override
        public void idleCurrent() throws Exception {
            if (refuse || refuseIdle) {
                throw new Exception("EPERM");
            }
            currentIdle = true;
        }
    }

    private static final Set<String> PRESENCE = ThreadRanks.mqttThreadsApart("hub.presence", "hub");

    @Test
    void lowersOnlyBackgroundThreadsAndLeavesTheAlarmPathTheWebAndTheCollector() {
        FakeThreads t = new FakeThreads().thread(1, "main", 5).thread(2, "hub-core", 5).thread(3, "MQTT Rec: vaktp", 5)
                .thread(4, "GC Thread#0", 5).thread(5, "hub-checkpoint", 5).thread(6, "vert.x-eventloo", 5)
                .thread(7, "C1 CompilerThre", 5).thread(8, "AsyncAppender-W", 5);
        BackgroundPriority p = new BackgroundPriority(t, t, 5, 10);

        assertThat(p.scan()).isEqualTo(3);

        assertThat(t.nice).containsEntry(1, 5).containsEntry(2, 5).containsEntry(3, 5).containsEntry(4, 5)
                .containsEntry(6, 5).containsEntry(5, 15).containsEntry(7, 15).containsEntry(8, 15);
    }

    @Test
    void lowersEachThreadOnceAndNewThreadsOnTheNextScan() {
        FakeThreads t = new FakeThreads().thread(10, "C1 CompilerThre", 0);
        BackgroundPriority p = new BackgroundPriority(t, t, 0, 10);
        p.scan();
        t.thread(11, "AsyncAppender-W", 0);

        assertThat(p.scan()).isEqualTo(1);
        assertThat(p.scan()).isZero();
        assertThat(t.setCalls).containsExactly(10, 11);
    }

    @Test
    void anIdUsedAgainByANewThreadIsLookedAtAgain() {
        FakeThreads t = new FakeThreads().thread(20, "hub-core", 0);
        BackgroundPriority p = new BackgroundPriority(t, t, 0, 10);
        p.scan();
        t.names.remove(20);
        p.scan(); // the thread ended
        t.thread(20, "AsyncAppender-W", 0);

        assertThat(p.scan()).isEqualTo(1);
        assertThat(t.nice).containsEntry(20, 10);
    }

    @Test
    void neverRaisesAThreadSomeoneLoweredFurtherAndStopsAtTheLowestPriority() {
        FakeThreads t = new FakeThreads().thread(30, "C1 CompilerThre", 19).thread(31, "hub-checkpoint", 12);
        BackgroundPriority p = new BackgroundPriority(t, t, 12, 10);

        assertThat(p.backgroundNice()).isEqualTo(19);
        p.scan();
        assertThat(t.nice).containsEntry(30, 19).containsEntry(31, 19);
        assertThat(t.setCalls).containsExactly(31);
    }

    @Test
    void thePresenceLinksMqttThreadsAreLoweredByTheirExactNamesAndTheAlarmPathsAreNot() {
        FakeThreads t = new FakeThreads().thread(1, "MQTT Rec: hub", 5).thread(2, "MQTT Rec: hub.p", 5)
                .thread(3, "MQTT Snd: hub", 5).thread(4, "MQTT Snd: hub.p", 5).thread(5, "MQTT Call: hub", 5)
                .thread(6, "MQTT Call: hub.", 5);
        BackgroundPriority p = new BackgroundPriority(t, t, 5, 10, PRESENCE, ThreadRanks.intake(PRESENCE));

        assertThat(p.scan()).isEqualTo(3);
        assertThat(t.nice).as("the presence link's at 15, the alarm path's at the hub's 5")
                .containsEntry(1, 5).containsEntry(2, 15).containsEntry(3, 5).containsEntry(4, 15)
                .containsEntry(5, 5).containsEntry(6, 15);
        assertThat(t.idle).as("the presence link's receiving and delivery threads; not its sender, which carries acks")
                .containsExactlyInAnyOrder(2, 6);
    }

    @Test
    void aThreadAlreadyLowEnoughIsStillGivenTheIdlePolicyOnce() {
        FakeThreads t = new FakeThreads().thread(1, "MQTT Rec: hub.p", 19);
        BackgroundPriority p = new BackgroundPriority(t, t, 0, 10, PRESENCE, ThreadRanks.intake(PRESENCE));

        assertThat(p.scan()).as("no nice value to change").isZero();
        assertThat(t.idle).containsExactly(1);
        t.idle.clear();
        p.scan();
        assertThat(t.idle).as("each thread once").isEmpty();
    }

    @Test
    void theCallingThreadIsLoweredToTheSameValueAndGivenTheIdlePolicy() {
        FakeThreads t = new FakeThreads();
        new BackgroundPriority(t, t, -2, 10).idleCurrentThread();

        assertThat(t.current).isEqualTo(8);
        assertThat(t.currentIdle).isTrue();
    }

    @Test
    void aRefusedIdlePolicyKeepsTheNiceValuesAndTheOtherThreadsLowered() {
        FakeThreads t = new FakeThreads().thread(1, "MQTT Rec: hub.p", 0).thread(2, "C1 CompilerThre", 0);
        t.refuseIdle = true;
        BackgroundPriority p = new BackgroundPriority(t, t, 0, 10, PRESENCE, ThreadRanks.intake(PRESENCE));

        assertThat(p.scan()).isEqualTo(2);
        p.idleCurrentThread();
        t.refuseIdle = false;
        t.thread(3, "MQTT Call: hub.", 0).thread(4, "AsyncAppender-W", 0);

        assertThat(p.scan()).as("lowering goes on").isEqualTo(2);
        assertThat(t.nice).containsEntry(1, 10).containsEntry(2, 10).containsEntry(3, 10).containsEntry(4, 10);
        assertThat(t.current).isEqualTo(10);
        assertThat(t.idle).as("no more tries once refused").isEmpty();
        assertThat(t.currentIdle).isFalse();
    }

    @Test
    void stepZeroChangesNothing() {
        FakeThreads t = new FakeThreads().thread(40, "C1 CompilerThre", 0);
        BackgroundPriority p = new BackgroundPriority(t, t, 0, 0);
        p.scan();
        p.idleCurrentThread();

        assertThat(t.nice).containsEntry(40, 0);
        assertThat(t.current).isZero();
        assertThat(t.currentIdle).isFalse();
    }

    @Test
    void aRefusalStopsItForGoodWithoutStoppingTheHub() {
        FakeThreads t = new FakeThreads().thread(50, "C1 CompilerThre", 0).thread(51, "hub-checkpoint", 0);
        t.refuse = true;
        BackgroundPriority p = new BackgroundPriority(t, t, 0, 10);

        assertThat(p.scan()).isZero();
        t.refuse = false;
        t.thread(52, "AsyncAppender-W", 0);
        assertThat(p.scan()).isZero();
        p.idleCurrentThread();
        assertThat(t.setCalls).isEmpty();
        assertThat(t.current).isZero();
        assertThat(t.currentIdle).isFalse();
    }

    @Test
    void aThreadThatEndedBeforeItWasLoweredIsNoFailure() {
        FakeThreads t = new FakeThreads() {
            @Override
            public void set(int tid, int value) throws Exception {
                if (tid == 60) {
                    names.remove(60); // ended between the listing and the call
                }
                super.set(tid, value);
            }
        }.thread(60, "AsyncAppender-W", 0);
        BackgroundPriority p = new BackgroundPriority(t, t, 0, 10);
        p.scan();
        t.thread(61, "C1 CompilerThre", 0);

        assertThat(p.scan()).isEqualTo(1);
        assertThat(t.nice).containsEntry(61, 10);
    }

    @Test
    void threadsThatCannotBeListedTurnItOff() {
        FakeThreads t = new FakeThreads().thread(70, "C1 CompilerThre", 0);
        t.unlisted = true;
        BackgroundPriority p = new BackgroundPriority(t, t, 0, 10);

        assertThat(p.scan()).isZero();
        t.unlisted = false;
        assertThat(p.scan()).isZero();
        assertThat(t.nice).containsEntry(70, 0);
    }
}
