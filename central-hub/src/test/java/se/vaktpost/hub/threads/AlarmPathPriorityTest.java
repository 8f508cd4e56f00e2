package se.vaktpost.hub.threads;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import se.vaktpost.hub.core.CorePriority;

class AlarmPathPriorityTest {
    private static final Set<String> SENDERS = Set.of("MQTT Snd: hub", "MQTT Snd: hub.s");

    /** A process's threads and the real-time calls made on them, as the kernel would take them ({@code 0}: the caller). */
    static final class FakeKernel extends FakeTasks implements AlarmPathPriority.Realtime {
        final List<String> calls = new ArrayList<>();
        boolean refuse;
        boolean refuseOrdinary;
        /** A thread that ends between being listed and being raised. */
        int endsWhenRaised = -1;

        FakeKernel thread(int tid, String name) {
            names.put(tid, name);
            return this;
        }

        @Override
        public void realtime(int tid, int priority) throws Exception {
            if (tid == endsWhenRaised) {
                names.remove(tid);
                throw new Exception("ESRCH");
            }
            if (refuse) {
                throw new Exception("EPERM");
            }
            calls.add("rt " + priority + " " + tid);
        }

        @Override
        public void ordinary(int tid) throws Exception {
            if (refuseOrdinary) {
                throw new Exception("EPERM");
            }
            calls.add("ordinary " + tid);
        }
    }

    @Test
    void theNamedSendersAreRaisedOnceEachAndAThreadThatTookAnEndedOnesIdAgain() {
        FakeKernel kernel = new FakeKernel().thread(11, "MQTT Snd: hub").thread(12, "MQTT Snd: hub.s")
                .thread(13, "MQTT Snd: hub.p").thread(14, "MQTT Rec: hub").thread(15, "hub-core");
        AlarmPathPriority p = new AlarmPathPriority(kernel, kernel, 3, SENDERS);

        assertThat(p.scan()).isEqualTo(2);
        assertThat(kernel.calls).containsExactlyInAnyOrder("rt 3 11", "rt 3 12");
        assertThat(p.scan()).as("each once").isZero();

        kernel.names.remove(11);
        p.scan();
        kernel.thread(11, "MQTT Snd: hub"); // a reconnect's new sender with the ended one's id
        assertThat(p.scan()).isEqualTo(1);
        assertThat(kernel.calls).containsExactlyInAnyOrder("rt 3 11", "rt 3 12", "rt 3 11");
        assertThat(p.active()).isTrue();
    }

    @Test
    void aThreadRenamedAfterItWasFirstSeenIsRaisedUnderItsNewNameAndAListingThatFailedEndsNothing() {
        FakeKernel kernel = new FakeKernel().thread(21, "Thread-7"); // a sender before it names itself
        AlarmPathPriority p = new AlarmPathPriority(kernel, kernel, 1, SENDERS);
        assertThat(p.scan()).isZero();

        kernel.unlisted = true;
        assertThat(p.scan()).isZero();
        assertThat(p.active()).as("a failed listing is tried again").isTrue();
        kernel.unlisted = false;
        kernel.thread(21, "MQTT Snd: hub");

        assertThat(p.scan()).isEqualTo(1);
        assertThat(kernel.calls).containsExactly("rt 1 21");
    }

    @Test
    void aCoreThatCannotGoBackStaysRealtimeAndTheRestGoesOn() {
        FakeKernel kernel = new FakeKernel().thread(11, "MQTT Snd: hub");
        AlarmPathPriority p = new AlarmPathPriority(kernel, kernel, 1, SENDERS);
        CorePriority core = p.core();
        core.urgent();
        kernel.refuseOrdinary = true;

        core.background();
        core.urgent();

        assertThat(kernel.calls).as("no second raise of a core that is still real-time").containsExactly("rt 1 0");
        assertThat(p.active()).isTrue();
        assertThat(p.scan()).as("the senders are raised all the same").isEqualTo(1);
    }

    @Test
    void theCoreSwitchesOnlyWhenItsKindChanges() {
        FakeKernel kernel = new FakeKernel();
        CorePriority core = new AlarmPathPriority(kernel, kernel, 1, SENDERS).core();

        core.background();
        core.urgent();
        core.urgent();
        core.background();
        core.background();
        core.urgent();

        assertThat(kernel.calls).as("the calling thread, at each change only")
                .containsExactly("rt 1 0", "ordinary 0", "rt 1 0");
    }

    @Test
    void aRefusalEndsEveryTryAndTheCoreStaysOrdinary() {
        FakeKernel kernel = new FakeKernel().thread(11, "MQTT Snd: hub");
        kernel.refuse = true;
        AlarmPathPriority p = new AlarmPathPriority(kernel, kernel, 1, SENDERS);
        CorePriority core = p.core();

        core.urgent();
        assertThat(p.active()).isFalse();
        kernel.refuse = false;
        core.urgent();
        core.background();
        assertThat(p.scan()).isZero();
        assertThat(kernel.calls).as("nothing asked again, nothing to lower").isEmpty();
    }

    @Test
    void aSenderThatEndedWhileBeingRaisedIsNoRefusal() {
        FakeKernel kernel = new FakeKernel().thread(11, "MQTT Snd: hub").thread(12, "MQTT Snd: hub.s");
        kernel.endsWhenRaised = 11;
        AlarmPathPriority p = new AlarmPathPriority(kernel, kernel, 1, SENDERS);

        assertThat(p.scan()).isEqualTo(1);
        assertThat(p.active()).isTrue();
        assertThat(kernel.calls).containsExactly("rt 1 12");
    }

    @Test
    void offAndPriorityZeroAskNothingAndAPriorityOutOfRangeIsRefusedAtOnce() {
        FakeKernel kernel = new FakeKernel().thread(11, "MQTT Snd: hub");
        AlarmPathPriority zero = new AlarmPathPriority(kernel, kernel, 0, SENDERS);
        zero.core().urgent();
        assertThat(zero.scan()).isZero();
        AlarmPathPriority.off().core().urgent();
        assertThat(AlarmPathPriority.off().scan()).isZero();
        assertThat(kernel.calls).isEmpty();
        assertThat(zero.active()).isFalse();

        assertThatThrownBy(() -> new AlarmPathPriority(kernel, kernel, 100, SENDERS))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1 to 99");
        assertThatThrownBy(() -> new AlarmPathPriority(kernel, kernel, -1, SENDERS))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
