package se.vaktpost.agent.press;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import se.vaktpost.agent.time.ManualScheduler;
import se.vaktpost.hardware.Input;
import se.vaktpost.protocol.EventType;

class PressInterpreterTest {
    private final ManualScheduler time = new ManualScheduler(Instant.parse("2026-11-22T08:00:00Z"));
    private final List<String> heard = new ArrayList<>();
    private final PressInterpreter presses = new PressInterpreter(time,
            new PressInterpreter.Settings(Duration.ofMillis(20), Duration.ofMillis(1500)),
            new PressInterpreter.Listener() {
                @Override
                public void report(EventType type) {
                    heard.add(type.name());
                }

                @Override
                public void holdStarted() {
                    heard.add("hold-started");
                }

                @Override
                public void holdAborted() {
                    heard.add("hold-aborted");
                }
            });

    @Test
    void silentAlarmIsReportedOnceItsPressIsStable() {
        presses.edge(Input.ALARM_BUTTON, true);
        time.advanceMillis(19);
        assertThat(heard).isEmpty();
        time.advanceMillis(1);
        assertThat(heard).containsExactly("ALARM");
    }

    @Test
    void bouncingContactsGiveOneAlarm() {
        for (int i = 0; i < 5; i++) {
            presses.edge(Input.ALARM_BUTTON, true);
            time.advanceMillis(3);
            presses.edge(Input.ALARM_BUTTON, false);
            time.advanceMillis(3);
        }
        presses.edge(Input.ALARM_BUTTON, true);
        time.advanceMillis(100);
        assertThat(heard).containsExactly("ALARM");
    }

    @Test
    void glitchShorterThanDebounceIsIgnored() {
        presses.edge(Input.ALARM_BUTTON, true);
        time.advanceMillis(10);
        presses.edge(Input.ALARM_BUTTON, false);
        time.advanceMillis(100);
        assertThat(heard).isEmpty();
    }

    @Test
    void lockdownNeedsTheFullHold() {
        presses.edge(Input.LOCKDOWN_BUTTON, true);
        time.advanceMillis(20 + 1499);
        assertThat(heard).containsExactly("hold-started");
        time.advanceMillis(1);
        assertThat(heard).containsExactly("hold-started", "LOCKDOWN");
    }

    @Test
    void briefBrushAgainstLockdownButtonLocksNothing() {
        presses.edge(Input.LOCKDOWN_BUTTON, true);
        time.advanceMillis(400);
        presses.edge(Input.LOCKDOWN_BUTTON, false);
        time.advanceMillis(5000);
        assertThat(heard).containsExactly("hold-started", "hold-aborted");
    }

    @Test
    void holdingOnAfterLockdownDoesNotRepeatIt() {
        presses.edge(Input.LOCKDOWN_BUTTON, true);
        time.advanceMillis(10_000);
        presses.edge(Input.LOCKDOWN_BUTTON, false);
        time.advanceMillis(100);
        assertThat(heard).containsExactly("hold-started", "LOCKDOWN");
    }

    @Test
    void keySwitchGivesAllClearAndOpeningTheBoxIsTamper() {
        presses.edge(Input.ALL_CLEAR_KEY, true);
        presses.edge(Input.TAMPER_SWITCH, true);
        time.advanceMillis(50);
        presses.edge(Input.ALL_CLEAR_KEY, false);
        time.advanceMillis(50);
        assertThat(heard).containsExactlyInAnyOrder("ALL_CLEAR", "TAMPER");
    }

    @Test
    void zeroDebounceReportsAtOnce() {
        PressInterpreter direct = new PressInterpreter(time,
                new PressInterpreter.Settings(Duration.ZERO, Duration.ZERO), t -> heard.add(t.name()));
        direct.edge(Input.ALARM_BUTTON, true);
        direct.edge(Input.LOCKDOWN_BUTTON, true);
        time.advanceMillis(0);
        assertThat(heard).containsExactly("ALARM", "LOCKDOWN");
    }

    @Test
    void aPressAndItsReleaseSeenLateTogetherStillCountAtTheTimesTheyHappened() {
        long pressed = time.nanoTime();
        time.advanceMillis(100);
        long released = time.nanoTime();
        time.advanceMillis(300); // the loop was busy; it gets both edges only now
        presses.edge(Input.ALARM_BUTTON, true, pressed);
        presses.edge(Input.ALARM_BUTTON, false, released);
        time.advanceMillis(50);
        assertThat(heard).containsExactly("ALARM");
    }

    @Test
    void aLockdownHeldLongEnoughButSeenOnlyAfterItsReleaseStillLocks() {
        long pressed = time.nanoTime();
        time.advanceMillis(1600);
        long released = time.nanoTime();
        time.advanceMillis(500);
        presses.edge(Input.LOCKDOWN_BUTTON, true, pressed);
        presses.edge(Input.LOCKDOWN_BUTTON, false, released);
        time.advanceMillis(50);
        assertThat(heard).containsExactly("hold-started", "LOCKDOWN");
    }

    @Test
    void aShortLockdownPressSeenLateIsStillTooShort() {
        long pressed = time.nanoTime();
        time.advanceMillis(400);
        long released = time.nanoTime();
        time.advanceMillis(2000);
        presses.edge(Input.LOCKDOWN_BUTTON, true, pressed);
        presses.edge(Input.LOCKDOWN_BUTTON, false, released);
        time.advanceMillis(50);
        assertThat(heard).containsExactly("hold-started", "hold-aborted");
    }

    @Test
    void aBounceSeenLateIsStillABounce() {
        long pressed = time.nanoTime();
        time.advanceMillis(3);
        long released = time.nanoTime();
        time.advanceMillis(300);
        presses.edge(Input.ALARM_BUTTON, true, pressed);
        presses.edge(Input.ALARM_BUTTON, false, released);
        time.advanceMillis(50);
        assertThat(heard).isEmpty();
    }
}
