package se.vaktpost.hub.accounts;

/** State-changing acts; each is audited. */
public enum Action {
    LOCKDOWN, DRILL, ALL_CLEAR, ACKNOWLEDGE, NOTE, CHECKLIST, MANAGE_USERS
}
