package se.vaktpost.hub.accounts;

/** What a person may do; checked on the server for every request. */
public enum Role {
    /** Reception of one school: sees its own site, may start a lockdown there. */
    RECEPTION,
    /** The municipal security unit: all sites; acknowledge, lockdown, all-clear, drills, notes. */
    SECURITY,
    /** Everything, including users. */
    ADMIN
}
