package se.vaktpost.hub.accounts;

import java.util.Objects;

/**
 * A signed-in person (or an API token acting for one) and what they may do. Pure: the single
 * place rights are decided. A token's {@code scope} narrows its user's rights; null for a person.
 */
public record User(String username, Role role, String site, boolean disabled, TokenScope scope) {
    public User {
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(role, "role");
        if (role == Role.RECEPTION && site == null) {
            throw new IllegalArgumentException("a reception user belongs to one site");
        }
    }

    public User(String username, Role role, String site, boolean disabled) {
        this(username, role, site, disabled, null);
    }

    /** The same user acting through a token of this scope. */
    public User scoped(TokenScope tokenScope) {
        return new User(username, role, site, disabled, Objects.requireNonNull(tokenScope, "tokenScope"));
    }

    public boolean canSee(String siteId) {
        return !disabled && (role != Role.RECEPTION || site.equals(siteId)) && (scope == null || scope.covers(siteId));
    }

    public boolean may(Action action, String siteId) {
        if (!canSee(siteId) || (scope != null && !scope.allows(action, siteId))) {
            return false;
        }
        return switch (role) {
            case ADMIN -> true;
            // The security unit watches alarms; the children's details stay with the school and administration.
            // The action plan is administration's.
            case SECURITY -> action != Action.MANAGE_USERS && action != Action.PERSONAL_DATA && action != Action.PLAN;
            // A school's own staff register and follow up their incidents, and see their school's reports.
            case RECEPTION -> action == Action.LOCKDOWN || action == Action.REGISTER || action == Action.HANDLE_CASE
                    || action == Action.STAFF_ALERTS
                    || action == Action.PERSONAL_DATA || action == Action.REPORT;
        };
    }
}
