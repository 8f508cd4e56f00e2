package se.vaktpost.hardware;

import com.pi4j.Pi4J;
import com.pi4j.context.Context;
import com.pi4j.plugin.mock.platform.MockPlatform;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalInputProvider;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalOutputProvider;

/** The one place that creates Pi4J contexts: gpiod on the Pi, the mock platform elsewhere. */
public final class Boards {
    private Boards() {
    }

    /** A real panel: Pi4J detects the gpiod provider on the classpath. */
    public static Pi4jBoard gpiod(PinMap pins) {
        Context ctx = Pi4J.newContextBuilder().autoDetect().build();
        return new Pi4jBoard(ctx, pins, "panel");
    }

    /** A simulated panel on the Pi4J mock platform, driven with {@link SimulatedBoard}. */
    public static SimulatedBoard simulated(PinMap pins, String name) {
        Context ctx = Pi4J.newContextBuilder()
                .add(new MockPlatform())
                .add(MockDigitalInputProvider.newInstance(), MockDigitalOutputProvider.newInstance())
                .build();
        Pi4jBoard board = new Pi4jBoard(ctx, pins, name);
        SimulatedBoard sim = new SimulatedBoard(board);
        sim.restAllInputs();
        return sim;
    }
}
