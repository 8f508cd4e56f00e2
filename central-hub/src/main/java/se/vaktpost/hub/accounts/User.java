package se.vaktpost.hub.accounts;

import java.util.Objects;

/** A signed-in person and what their role allows. Pure: the single place rights are decided. */
public record User(String username, Role role, String site, boolean disabled) {
    public User {
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(role, "role");
        if (role == Role.RECEPTION && site == null) {
            throw new IllegalArgumentException("a reception user belongs to one site");
        }
    }

    public boolean canSee(String siteId) {
        return !disabled && (role != Role.RECEPTION || site.equals(siteId));
    }

    public boolean may(Action action, String siteId) {
        if (!canSee(siteId)) {
            return false;
        }
        return switch (role) {
            case ADMIN -> true;
            // The security unit watches alarms; the children's details stay with the school and administration.
            // The action plan is administration's.
            case SECURITY -> action != Action.MANAGE_USERS && action != Action.PERSONAL_DATA && action != Action.PLAN;
            // A school's own staff register and follow up their incidents, and see their school's reports.
            case RECEPTION -> action == Action.LOCKDOWN || action == Action.REGISTER || action == Action.HANDLE_CASE
                    || action == Action.PERSONAL_DATA || action == Action.REPORT;
        };
    }
}
