package se.vaktpost.hardware;

/** A panel's inputs and outputs in logical terms (pressed/on), whatever the wiring. */
public interface Board extends AutoCloseable {

    /** Called on every debounced change of an input, from a hardware thread. */
    @FunctionalInterface
    interface InputListener {
        void changed(Input input, boolean active);
    }

    void onInput(InputListener listener);

    boolean isActive(Input input);

    void set(Output output, boolean on);

    boolean isOn(Output output);

    /** Leaves outputs in their safe state and frees the pins. */
    @Override
    void close();
}
