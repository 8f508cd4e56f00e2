package se.vaktpost.hub.accounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class UserTest {
    private final User reception = new User("r", Role.RECEPTION, "alfa", false);
    private final User security = new User("s", Role.SECURITY, null, false);
    private final User admin = new User("a", Role.ADMIN, null, false);

    @ParameterizedTest
    @EnumSource(Action.class)
    void receptionMayStartALockdownKeepItsIncidentLogReportsAndStaffAlertsOnlyAtItsOwnSite(Action action) {
        assertThat(reception.may(action, "alfa")).isEqualTo(java.util.Set.of(Action.LOCKDOWN, Action.REGISTER,
                Action.HANDLE_CASE, Action.PERSONAL_DATA, Action.REPORT, Action.STAFF_ALERTS).contains(action));
        assertThat(reception.may(action, "beta")).isFalse();
        assertThat(reception.may(action, null)).as("nothing for the whole organisation").isFalse();
    }

    @ParameterizedTest
    @EnumSource(Action.class)
    void securityMayDoEverythingButManageUsersReadPersonalDetailsOrWriteTheActionPlan(Action action) {
        boolean allowed = action != Action.MANAGE_USERS && action != Action.PERSONAL_DATA && action != Action.PLAN;
        assertThat(security.may(action, "alfa")).isEqualTo(allowed);
        assertThat(security.may(action, "beta")).isEqualTo(allowed);
        assertThat(security.may(action, null)).isEqualTo(allowed);
    }

    @ParameterizedTest
    @EnumSource(Action.class)
    void adminMayDoEverything(Action action) {
        assertThat(admin.may(action, "beta")).isTrue();
    }

    @Test
    void visibilityFollowsTheSiteAndADisabledUserSeesNothing() {
        assertThat(reception.canSee("alfa")).isTrue();
        assertThat(reception.canSee("beta")).isFalse();
        assertThat(security.canSee("beta")).isTrue();
        User gone = new User("s", Role.SECURITY, null, true);
        assertThat(gone.canSee("alfa")).isFalse();
        assertThat(gone.may(Action.ACKNOWLEDGE, "alfa")).isFalse();
    }

    @Test
    void aReceptionUserNeedsASite() {
        assertThatThrownBy(() -> new User("r", Role.RECEPTION, null, false)).hasMessageContaining("one site");
    }
}
