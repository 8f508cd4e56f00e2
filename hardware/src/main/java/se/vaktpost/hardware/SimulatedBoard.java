package se.vaktpost.hardware;

import com.pi4j.io.gpio.digital.DigitalState;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalInput;

/**
 * A {@link Pi4jBoard} on the mock platform plus the hands that press its buttons: sets the
 * electrical level a real button would, so wiring polarity is exercised as on the Pi.
 */
public final class SimulatedBoard implements Board {
    private final Pi4jBoard board;

    SimulatedBoard(Pi4jBoard board) {
        this.board = board;
    }

    public void press(Input input) {
        drive(input, true);
    }

    public void release(Input input) {
        drive(input, false);
    }

    /** Inputs at rest: buttons up, key off, lid closed. */
    void restAllInputs() {
        for (Input in : Input.values()) {
            drive(in, false);
        }
    }

    private void drive(Input input, boolean active) {
        Pin p = board.pin(input);
        boolean high = active != p.activeLow();
        ((MockDigitalInput) board.digitalInput(input)).mockState(high ? DigitalState.HIGH : DigitalState.LOW);
    }

    @Override
    public void onInput(InputListener listener) {
        board.onInput(listener);
    }

    @Override
    public boolean isActive(Input input) {
        return board.isActive(input);
    }

    @Override
    public void set(Output output, boolean on) {
        board.set(output, on);
    }

    @Override
    public boolean isOn(Output output) {
        return board.isOn(output);
    }

    @Override
    public void close() {
        board.close();
    }
}
