package se.vaktpost.hub.lockdown;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import se.vaktpost.hub.lockdown.Decision.Change;
import se.vaktpost.protocol.EventType;
import se.vaktpost.protocol.PanelEvent;

class LockdownMachineTest {
    private static final Instant T0 = Instant.parse("2026-11-22T08:00:00Z");
    private final AtomicInteger ids = new AtomicInteger();
    private final Supplier<String> newId = () -> "inc-" + ids.incrementAndGet();
    private final SiteMode normal = new SiteMode.Normal(T0.minusSeconds(3600));

    private static PanelEvent event(EventType type, Instant at) {
        return event(type, at, false);
    }

    private static PanelEvent event(EventType type, Instant at, boolean drill) {
        return new PanelEvent(UUID.randomUUID(), "skola-a", "p1", type, at, 1, drill);
    }

    @Test
    void lockdownInNormalOpensAnIncidentAndLocksTheSite() {
        Decision d = LockdownMachine.apply(normal, event(EventType.LOCKDOWN, T0), newId);
        assertThat(d.next()).isEqualTo(new SiteMode.Lockdown("inc-1", T0, false));
        assertThat(d.change()).isEqualTo(Change.OPENED);
        assertThat(d.modeChanged(normal)).isTrue();
    }

    @Test
    void drillLockdownIsMarkedAsDrill() {
        Decision d = LockdownMachine.apply(normal, event(EventType.LOCKDOWN, T0, true), newId);
        assertThat(((SiteMode.Lockdown) d.next()).drill()).isTrue();
    }

    @Test
    void secondLockdownJoinsTheOpenIncident() {
        SiteMode locked = new SiteMode.Lockdown("inc-9", T0, false);
        Decision d = LockdownMachine.apply(locked, event(EventType.LOCKDOWN, T0.plusSeconds(5)), newId);
        assertThat(d).isEqualTo(new Decision(locked, "inc-9", Change.JOINED));
        assertThat(ids.get()).isZero();
    }

    @Test
    void allClearEndsTheLockdownAndClosesItsIncident() {
        SiteMode locked = new SiteMode.Lockdown("inc-9", T0, false);
        Decision d = LockdownMachine.apply(locked, event(EventType.ALL_CLEAR, T0.plusSeconds(60)), newId);
        assertThat(d).isEqualTo(new Decision(new SiteMode.Normal(T0.plusSeconds(60)), "inc-9", Change.CLOSED));
    }

    @Test
    void allClearStampedBeforeTheLockdownStillEndsItNoEarlierThanItBegan() {
        SiteMode locked = new SiteMode.Lockdown("inc-9", T0, false);
        Decision d = LockdownMachine.apply(locked, event(EventType.ALL_CLEAR, T0.minusSeconds(2)), newId);
        assertThat(d.next()).isEqualTo(new SiteMode.Normal(T0));
    }

    @Test
    void allClearInNormalChangesNothing() {
        assertThat(LockdownMachine.apply(normal, event(EventType.ALL_CLEAR, T0), newId))
                .isEqualTo(new Decision(normal, null, Change.NONE));
    }

    @Test
    void lateRetryOfALockdownOlderThanTheAllClearDoesNotLockAgain() {
        SiteMode clearedAt = new SiteMode.Normal(T0);
        Decision d = LockdownMachine.apply(clearedAt, event(EventType.LOCKDOWN, T0.minusSeconds(30)), newId);
        assertThat(d).isEqualTo(new Decision(clearedAt, null, Change.NONE));
    }

    @Test
    void silentAlarmOpensItsOwnIncidentWithoutLockingTheSite() {
        Decision d = LockdownMachine.apply(normal, event(EventType.ALARM, T0), newId);
        assertThat(d).isEqualTo(new Decision(normal, "inc-1", Change.OPENED));
    }

    @Test
    void silentAlarmDuringLockdownJoinsTheLockdownIncident() {
        SiteMode locked = new SiteMode.Lockdown("inc-9", T0, false);
        assertThat(LockdownMachine.apply(locked, event(EventType.ALARM, T0), newId).incident()).isEqualTo("inc-9");
    }

    @ParameterizedTest
    @EnumSource(EventType.class)
    void everyEventTypeInEveryModeGivesADecisionAndOnlyLockdownAndAllClearChangeMode(EventType type) {
        SiteMode locked = new SiteMode.Lockdown("inc-9", T0, false);
        for (SiteMode m : new SiteMode[] {normal, locked}) {
            Decision d = LockdownMachine.apply(m, event(type, T0.plusSeconds(1)), newId);
            boolean mayChange = (type == EventType.LOCKDOWN && m == normal) || (type == EventType.ALL_CLEAR && m == locked);
            assertThat(d.modeChanged(m)).as(type + " in " + m).isEqualTo(mayChange);
        }
    }

    @Test
    void tamperOpensAnIncidentAndTestOpensNone() {
        assertThat(LockdownMachine.apply(normal, event(EventType.TAMPER, T0), newId).change()).isEqualTo(Change.OPENED);
        assertThat(LockdownMachine.apply(normal, event(EventType.TEST, T0), newId).incident()).isNull();
    }
}
