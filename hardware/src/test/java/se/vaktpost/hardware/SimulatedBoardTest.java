package se.vaktpost.hardware;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SimulatedBoardTest {
    private final SimulatedBoard board = Boards.simulated(PinMap.defaults(), "test-panel");

    @AfterEach
    void close() {
        board.close();
    }

    @Test
    void inputsStartAtRest() {
        for (Input in : Input.values()) {
            assertThat(board.isActive(in)).as(in.name()).isFalse();
        }
    }

    @Test
    void pressAndReleaseReachListenersAsLogicalStates() {
        List<String> seen = new ArrayList<>();
        board.onInput((in, active) -> seen.add(in + "=" + active));
        board.press(Input.LOCKDOWN_BUTTON);
        assertThat(board.isActive(Input.LOCKDOWN_BUTTON)).isTrue();
        board.release(Input.LOCKDOWN_BUTTON);
        board.press(Input.TAMPER_SWITCH);
        assertThat(seen).containsExactly("LOCKDOWN_BUTTON=true", "LOCKDOWN_BUTTON=false", "TAMPER_SWITCH=true");
    }

    @Test
    void outputsFollowLogicalStateWhateverThePolarity() {
        for (Output out : Output.values()) {
            assertThat(board.isOn(out)).as(out + " starts off").isFalse();
            board.set(out, true);
            assertThat(board.isOn(out)).as(out + " on").isTrue();
            board.set(out, false);
            assertThat(board.isOn(out)).isFalse();
        }
    }

    @Test
    void twoSimulatedPanelsInOneProcessAreIndependent() {
        try (SimulatedBoard other = Boards.simulated(PinMap.defaults(), "other-panel")) {
            board.set(Output.DOOR_LOCK, true);
            assertThat(other.isOn(Output.DOOR_LOCK)).isFalse();
        }
    }

    @Test
    void pinMapRefusesAPinUsedTwice() {
        PinMap d = PinMap.defaults();
        var inputs = new java.util.EnumMap<Input, Pin>(d.inputs());
        inputs.put(Input.ALARM_BUTTON, d.outputs().get(Output.BUZZER));
        assertThatThrownBy(() -> new PinMap(inputs, d.outputs())).hasMessageContaining("used twice");
        assertThatThrownBy(() -> new PinMap(Map.of(), d.outputs())).hasMessageContaining("no pin for input");
    }
}
