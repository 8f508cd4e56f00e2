package se.vaktpost.hardware;

import java.util.EnumMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/** Which BCM pin serves which input and output. The default matches hardware/README.md. */
public record PinMap(Map<Input, Pin> inputs, Map<Output, Pin> outputs) {
    public PinMap {
        inputs = Map.copyOf(inputs);
        outputs = Map.copyOf(outputs);
        for (Input i : Input.values()) {
            if (!inputs.containsKey(i)) {
                throw new IllegalArgumentException("no pin for input " + i);
            }
        }
        for (Output o : Output.values()) {
            if (!outputs.containsKey(o)) {
                throw new IllegalArgumentException("no pin for output " + o);
            }
        }
        Set<Integer> used = new HashSet<>();
        inputs.values().forEach(p -> requireFree(used, p));
        outputs.values().forEach(p -> requireFree(used, p));
    }

    public static PinMap defaults() {
        Map<Input, Pin> in = new EnumMap<>(Input.class);
        in.put(Input.ALARM_BUTTON, new Pin(17, true, 5_000));
        in.put(Input.LOCKDOWN_BUTTON, new Pin(27, true, 5_000));
        in.put(Input.ALL_CLEAR_KEY, new Pin(22, true, 20_000));
        // Tamper loop is closed to ground while the lid is shut: active (tampered) when HIGH.
        in.put(Input.TAMPER_SWITCH, new Pin(23, false, 20_000));
        Map<Output, Pin> out = new EnumMap<>(Output.class);
        out.put(Output.STATUS_LED, new Pin(5, false, 0));
        out.put(Output.LOCKDOWN_LED, new Pin(6, false, 0));
        out.put(Output.BUZZER, new Pin(13, false, 0));
        out.put(Output.DOOR_LOCK, new Pin(26, true, 0));
        return new PinMap(in, out);
    }

    private static void requireFree(Set<Integer> used, Pin p) {
        if (!used.add(p.bcm())) {
            throw new IllegalArgumentException("BCM pin " + p.bcm() + " is used twice");
        }
    }
}
