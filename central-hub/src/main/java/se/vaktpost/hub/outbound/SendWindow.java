package se.vaktpost.hub.outbound;

/**
 * One connection the publisher sends on, with its window (no wider than the broker's receive
 * maximum) and how much of it is in use. Owned by the publisher's owner (the hub's core thread).
 */
final class SendWindow {
    final ReliablePublisher.Transport transport;
    private final int widest;
    private int window;
    private int inFlight;

    SendWindow(ReliablePublisher.Transport transport, int widest) {
        this.transport = transport;
        this.widest = widest;
        this.window = widest;
    }

    boolean hasRoom() {
        return inFlight < window && transport.connected();
    }

    /** The broker (re)connected and named its receive maximum. */
    void narrowTo(int receiveMaximum) {
        window = Math.max(1, Math.min(widest, receiveMaximum));
    }

    void sent() {
        inFlight++;
    }

    void answeredOrLost() {
        inFlight--;
    }
}
