package se.vaktpost.hub.lockdown;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import se.vaktpost.hub.lockdown.Decision.Change;
import se.vaktpost.hub.lockdown.Decision.Verdict;
import se.vaktpost.hub.lockdown.SiteMode.Clear;
import se.vaktpost.hub.lockdown.SiteMode.Lockdown;
import se.vaktpost.hub.lockdown.SiteMode.Normal;
import se.vaktpost.protocol.EventType;

class LockdownMachineTest {
    /** The last all-clear: version 100 at T0. A lockdown began 60 s later as version 200. Now is T0 + 120 s. */
    private static final Instant T0 = Instant.parse("2026-11-22T08:00:00Z");
    private static final Clear CLEARED = new Clear(100, T0);
    private static final Instant LOCKED_AT = T0.plusSeconds(60);
    private static final Instant NOW = T0.plusSeconds(120);
    private static final SiteMode NORMAL = new Normal(100, T0);
    private static final SiteMode REAL = new Lockdown(200, "real-1", LOCKED_AT, false, CLEARED);
    private static final SiteMode DRILL = new Lockdown(200, "drill-1", LOCKED_AT, true, CLEARED);

    /** When the sender acted, as the hub can tell it. */
    enum When {
        /** Had received the current state. */
        SEEN(200, Optional.of(T0.minusSeconds(600))),
        /** Had not, but acted after everything (by its age). */
        AFTER(0, Optional.of(NOW.minusSeconds(1))),
        /** Acted after the last all-clear but before the lockdown began. */
        BETWEEN(0, Optional.of(T0.plusSeconds(30))),
        /** Acted before the last all-clear. */
        BEFORE(0, Optional.of(T0.minusSeconds(30))),
        /** Restarted since it acted. */
        UNKNOWN(0, Optional.empty());

        final long seen;
        final Optional<Instant> actedAt;

        When(long seen, Optional<Instant> actedAt) {
            this.seen = seen;
            this.actedAt = actedAt;
        }
    }

    /** What each combination must give; "*" matches anything. Mode after: NORMAL, REAL, DRILL or SAME. */
    private static final String[] TABLE = {
        // mode    drill  type       when                         change  verdict  mode after
        "NORMAL  * LOCKDOWN  SEEN|AFTER|BETWEEN|UNKNOWN  OPENED  ACTED    LOCKED_AS_ASKED",
        "NORMAL  * LOCKDOWN  BEFORE                      NONE    LATE     SAME",
        "NORMAL  * ALARM     *                           OPENED  ACTED    SAME",
        "NORMAL  * TAMPER    *                           OPENED  ACTED    SAME",
        "NORMAL  * ALL_CLEAR *                           NONE    ACTED    SAME",
        "NORMAL  * TEST      *                           NONE    ACTED    SAME",
        "REAL    N LOCKDOWN  *                           JOINED  ACTED    SAME",
        "REAL    Y LOCKDOWN  *                           NONE    REFUSED  SAME",
        "REAL    N ALARM     *                           JOINED  ACTED    SAME",
        "REAL    Y ALARM     *                           NONE    REFUSED  SAME",
        "REAL    * TAMPER    *                           OPENED  ACTED    SAME",
        "REAL    * ALL_CLEAR SEEN|AFTER                  CLOSED  ACTED    NORMAL",
        "REAL    * ALL_CLEAR BETWEEN|BEFORE              NONE    LATE     SAME",
        "REAL    * ALL_CLEAR UNKNOWN                     NONE    HELD     SAME",
        "REAL    * TEST      *                           NONE    ACTED    SAME",
        "DRILL   N LOCKDOWN  SEEN|AFTER|BETWEEN|UNKNOWN  OPENED  ACTED    REAL",
        "DRILL   N LOCKDOWN  BEFORE                      NONE    LATE     SAME",
        "DRILL   Y LOCKDOWN  *                           JOINED  ACTED    SAME",
        "DRILL   N ALARM     *                           OPENED  ACTED    REAL",
        "DRILL   Y ALARM     *                           JOINED  ACTED    SAME",
        "DRILL   * TAMPER    *                           OPENED  ACTED    SAME",
        "DRILL   * ALL_CLEAR SEEN|AFTER                  CLOSED  ACTED    NORMAL",
        "DRILL   * ALL_CLEAR BETWEEN|BEFORE              NONE    LATE     SAME",
        "DRILL   * ALL_CLEAR UNKNOWN                     NONE    HELD     SAME",
        "DRILL   * TEST      *                           NONE    ACTED    SAME",
    };

    private final AtomicInteger ids = new AtomicInteger();
    private final Supplier<String> newId = () -> "inc-" + ids.incrementAndGet();

    @Test
    void everyModeDrillFlagEventTypeAndOrderGivesExactlyTheTabledDecision() {
        List<String> failures = new ArrayList<>();
        int combinations = 0;
        for (String modeName : List.of("NORMAL", "REAL", "DRILL")) {
            SiteMode mode = modeName.equals("NORMAL") ? NORMAL : modeName.equals("REAL") ? REAL : DRILL;
            for (boolean drill : new boolean[] {false, true}) {
                for (EventType type : EventType.values()) {
                    for (When when : When.values()) {
                        combinations++;
                        String[] row = row(modeName, drill, type, when);
                        Decision d = LockdownMachine.apply(mode, new Signal(type, drill, when.seen, when.actedAt, NOW), newId);
                        String got = d.change() + " " + d.verdict() + " " + after(mode, d.next(), drill);
                        String want = row[4] + " " + row[5] + " " + row[6].replace("LOCKED_AS_ASKED", drill ? "DRILL" : "REAL");
                        if (!got.equals(want)) {
                            failures.add(modeName + " drill=" + drill + " " + type + " " + when + ": got " + got + ", want " + want);
                        }
                    }
                }
            }
        }
        assertThat(combinations).isEqualTo(3 * 2 * EventType.values().length * When.values().length);
        assertThat(failures).isEmpty();
    }

    private static String[] row(String mode, boolean drill, EventType type, When when) {
        List<String[]> matching = new ArrayList<>();
        for (String line : TABLE) {
            String[] f = line.trim().split("\\s+");
            if (f[0].equals(mode) && (f[1].equals("*") || f[1].equals(drill ? "Y" : "N"))
                    && f[2].equals(type.name()) && (f[3].equals("*") || List.of(f[3].split("\\|")).contains(when.name()))) {
                matching.add(f);
            }
        }
        assertThat(matching).as("table rows for " + mode + " " + drill + " " + type + " " + when).hasSize(1);
        return matching.get(0);
    }

    private static String after(SiteMode before, SiteMode next, boolean drill) {
        if (next.equals(before)) {
            return "SAME";
        }
        return next instanceof Lockdown l ? (l.drill() ? "DRILL" : "REAL") : "NORMAL";
    }

    private static Signal press(EventType type, When when) {
        return new Signal(type, false, when.seen, when.actedAt, NOW);
    }

    @Test
    void aLockdownOpensAnIncidentAtTheHubTimeOfThePressAndAVersionAboveTheHubClock() {
        Decision d = LockdownMachine.apply(NORMAL, press(EventType.LOCKDOWN, When.AFTER), newId);
        assertThat(d.next()).isEqualTo(new Lockdown(NOW.toEpochMilli(), "inc-1", NOW.minusSeconds(1), false, CLEARED));
        assertThat(d.order()).isEqualTo(Order.AFTER);
    }

    @Test
    void versionsRiseByOneWhenTheHubClockIsBehindTheLastVersion() {
        SiteMode ahead = new Normal(NOW.toEpochMilli() + 5_000, T0);
        Decision d = LockdownMachine.apply(ahead, press(EventType.LOCKDOWN, When.UNKNOWN), newId);
        assertThat(d.next().version()).isEqualTo(NOW.toEpochMilli() + 5_001);
    }

    @Test
    void aPressFromAPanelThatSawTheAllClearLocksAgainWhateverItsAge() {
        // The panel's clock may be hours off; what it had seen decides.
        Signal s = new Signal(EventType.LOCKDOWN, false, 100, Optional.of(T0.minusSeconds(7200)), NOW);
        Decision d = LockdownMachine.apply(NORMAL, s, newId);
        assertThat(d.change()).isEqualTo(Change.OPENED);
        assertThat(d.order()).isEqualTo(Order.SEEN);
        assertThat(d.next().since()).as("never before the all-clear it followed").isEqualTo(T0);
    }

    @Test
    void aLateRetryOfAPressMadeBeforeTheAllClearIsRecordedAsLateAndDoesNotLock() {
        Decision d = LockdownMachine.apply(NORMAL, press(EventType.LOCKDOWN, When.BEFORE), newId);
        assertThat(d).isEqualTo(new Decision(NORMAL, null, Change.NONE, Verdict.LATE, Order.BEFORE, null));
        assertThat(ids.get()).as("no incident id used").isZero();
    }

    @Test
    void aPressWhoseOrderCannotBeToldLocksAndIsMarkedForTheSecurityUnit() {
        Decision d = LockdownMachine.apply(NORMAL, press(EventType.LOCKDOWN, When.UNKNOWN), newId);
        assertThat(d.next()).isInstanceOf(Lockdown.class);
        assertThat(d.uncertain()).isTrue();
        assertThat(d.next().since()).as("the arrival, when the age is unknown").isEqualTo(NOW);
    }

    @Test
    void anAllClearWhoseOrderCannotBeToldKeepsTheSchoolLockedAndIsMarked() {
        Decision d = LockdownMachine.apply(REAL, press(EventType.ALL_CLEAR, When.UNKNOWN), newId);
        assertThat(d.next()).isEqualTo(REAL);
        assertThat(d.incident()).isEqualTo("real-1");
        assertThat(d.uncertain()).isTrue();
    }

    @Test
    void anAllClearEndsTheLockdownAsANewVersionAtTheHubTimeOfTheKey() {
        Decision d = LockdownMachine.apply(REAL, press(EventType.ALL_CLEAR, When.AFTER), newId);
        assertThat(d.next()).isEqualTo(new Normal(NOW.toEpochMilli(), NOW.minusSeconds(1)));
        assertThat(d.incident()).isEqualTo("real-1");
        assertThat(d.next().lastClear()).isEqualTo(new Clear(NOW.toEpochMilli(), NOW.minusSeconds(1)));
    }

    @Test
    void anAllClearFromAPanelThatSawTheLockdownEndsItNoEarlierThanItBegan() {
        Signal s = new Signal(EventType.ALL_CLEAR, false, 200, Optional.of(T0), NOW);
        assertThat(LockdownMachine.apply(REAL, s, newId).next().since()).isEqualTo(LOCKED_AT);
    }

    @Test
    void aRealLockdownDuringADrillInterruptsItAndKeepsTheAllClearBeforeTheDrill() {
        Decision d = LockdownMachine.apply(DRILL, press(EventType.LOCKDOWN, When.SEEN), newId);
        assertThat(d.next()).isEqualTo(new Lockdown(NOW.toEpochMilli(), "inc-1", T0, false, CLEARED));
        assertThat(d.interruptedDrill()).isEqualTo("drill-1");
    }

    @Test
    void aSilentAlarmDuringADrillOpensARealAlarmIncidentAndMakesTheLockdownReal() {
        Decision d = LockdownMachine.apply(DRILL, press(EventType.ALARM, When.UNKNOWN), newId);
        assertThat(d.next()).isEqualTo(new Lockdown(NOW.toEpochMilli(), "inc-1", NOW, false, CLEARED));
        assertThat(d.interruptedDrill()).isEqualTo("drill-1");
    }

    @Test
    void aDrillIsNeverStartedOnTopOfARealLockdown() {
        Decision d = LockdownMachine.apply(REAL, Signal.atHub(EventType.LOCKDOWN, true, REAL, NOW), newId);
        assertThat(d.verdict()).isEqualTo(Verdict.REFUSED);
        assertThat(d.next()).isEqualTo(REAL);
    }

    @Test
    void anOperatorActsOnTheStateTheHubHoldsNow() {
        Decision clear = LockdownMachine.apply(REAL, Signal.atHub(EventType.ALL_CLEAR, false, REAL, NOW), newId);
        assertThat(clear.order()).isEqualTo(Order.SEEN);
        assertThat(clear.next()).isInstanceOf(Normal.class);
        Decision lock = LockdownMachine.apply(clear.next(), Signal.atHub(EventType.LOCKDOWN, false, clear.next(), NOW), newId);
        assertThat(lock.change()).isEqualTo(Change.OPENED);
        assertThat(lock.next().version()).isGreaterThan(clear.next().version());
    }

    @Test
    void aDrillInterruptedNowhereElse() {
        for (SiteMode mode : List.of(NORMAL, REAL)) {
            for (EventType type : EventType.values()) {
                assertThat(LockdownMachine.apply(mode, press(type, When.SEEN), newId).interruptedDrill()).isNull();
            }
        }
    }
}
