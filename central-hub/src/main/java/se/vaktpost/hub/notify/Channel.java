package se.vaktpost.hub.notify;

/** How a message leaves the hub; each has one adapter behind {@link Sender}. */
public enum Channel {
    PUSH, EMAIL, SMS, WEBHOOK
}
