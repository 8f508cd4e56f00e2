package se.vaktpost.hub.outbound;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class StateBarriersTest {
    private final StateBarriers<Object> barriers = new StateBarriers<>();
    private final List<String> ran = new ArrayList<>();

    @Test
    void withNothingOutstandingTheActionRunsAtOnce() {
        barriers.add(List.of(), () -> ran.add("now"));
        assertThat(ran).containsExactly("now");
        assertThat(barriers.waiting()).isZero();
    }

    @Test
    void anActionWaitsForEveryPublishOutstandingWhenItWasAdded() {
        Object a = new Object();
        Object b = new Object();
        barriers.add(List.of(a, b), () -> ran.add("after a and b"));
        barriers.settled(a);
        assertThat(ran).isEmpty();
        barriers.settled(b);
        assertThat(ran).containsExactly("after a and b");
        barriers.settled(b);
        assertThat(ran).as("runs once").hasSize(1);
    }

    @Test
    void publishesAreToldApartByIdentityNotByEquality() {
        String a = new String("alfa");
        String sameText = new String("alfa");
        barriers.add(List.of(a), () -> ran.add("after a"));
        barriers.settled(sameText);
        assertThat(ran).isEmpty();
        barriers.settled(a);
        assertThat(ran).containsExactly("after a");
    }

    @Test
    void aPublishReplacedByANewerOneHandsTheWaitToTheNewer() {
        Object older = new Object();
        Object newer = new Object();
        barriers.add(List.of(older), () -> ran.add("after the site's state"));
        barriers.replaced(older, newer);
        barriers.settled(older);
        assertThat(ran).as("the older one is no longer waited for").isEmpty();
        barriers.settled(newer);
        assertThat(ran).containsExactly("after the site's state");
    }

    @Test
    void actionsAddedLaterWaitOnlyForWhatWasOutstandingThen() {
        Object first = new Object();
        Object second = new Object();
        barriers.add(List.of(first), () -> ran.add("one"));
        barriers.add(List.of(first, second), () -> ran.add("two"));
        barriers.settled(first);
        assertThat(ran).containsExactly("one");
        assertThat(barriers.waiting()).isEqualTo(1);
        barriers.settled(second);
        assertThat(ran).containsExactly("one", "two");
    }
}
