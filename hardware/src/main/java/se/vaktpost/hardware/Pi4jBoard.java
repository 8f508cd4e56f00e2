package se.vaktpost.hardware;

import com.pi4j.context.Context;
import com.pi4j.io.gpio.digital.DigitalInput;
import com.pi4j.io.gpio.digital.DigitalOutput;
import com.pi4j.io.gpio.digital.DigitalState;
import com.pi4j.io.gpio.digital.PullResistance;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/** {@link Board} over Pi4J digital I/O. The same code runs on the gpiod provider and the mock platform. */
public final class Pi4jBoard implements Board {
    private final Context context;
    private final PinMap pins;
    private final Map<Input, DigitalInput> inputs = new EnumMap<>(Input.class);
    private final Map<Output, DigitalOutput> outputs = new EnumMap<>(Output.class);
    private final List<InputListener> listeners = new CopyOnWriteArrayList<>();

    /**
     * Takes ownership of {@code context}: closing the board shuts it down.
     *
     * @param idPrefix names this panel's I/O in Pi4J logs
     */
    public Pi4jBoard(Context context, PinMap pins, String idPrefix) {
        this.context = context;
        this.pins = pins;
        for (Input in : Input.values()) {
            Pin p = pins.inputs().get(in);
            DigitalInput di = context.create(DigitalInput.newConfigBuilder(context)
                    .id(idPrefix + "-" + in.name().toLowerCase(java.util.Locale.ROOT))
                    .address(p.bcm())
                    .pull(PullResistance.PULL_UP) // every input switches to GND; a cut wire reads HIGH
                    .debounce(p.debounceMicros()));
            di.addListener(e -> fire(in, logical(e.state(), p)));
            inputs.put(in, di);
        }
        for (Output out : Output.values()) {
            Pin p = pins.outputs().get(out);
            DigitalState off = p.activeLow() ? DigitalState.HIGH : DigitalState.LOW;
            outputs.put(out, context.create(DigitalOutput.newConfigBuilder(context)
                    .id(idPrefix + "-" + out.name().toLowerCase(java.util.Locale.ROOT))
                    .address(p.bcm())
                    .initial(off)
                    .shutdown(off)));
        }
    }

    @Override
    public void onInput(InputListener listener) {
        listeners.add(listener);
    }

    @Override
    public boolean isActive(Input input) {
        return logical(inputs.get(input).state(), pins.inputs().get(input));
    }

    @Override
    public void set(Output output, boolean on) {
        Pin p = pins.outputs().get(output);
        outputs.get(output).state(on != p.activeLow() ? DigitalState.HIGH : DigitalState.LOW);
    }

    @Override
    public boolean isOn(Output output) {
        return logical(outputs.get(output).state(), pins.outputs().get(output));
    }

    /** The Pi4J input behind a logical input; the simulation drives mock inputs through it. */
    DigitalInput digitalInput(Input input) {
        return inputs.get(input);
    }

    Pin pin(Input input) {
        return pins.inputs().get(input);
    }

    @Override
    public void close() {
        listeners.clear();
        context.shutdown();
    }

    private void fire(Input in, boolean active) {
        for (InputListener l : listeners) {
            l.changed(in, active);
        }
    }

    private static boolean logical(DigitalState state, Pin p) {
        boolean high = state == DigitalState.HIGH;
        return high != p.activeLow();
    }
}
