package se.vaktpost.hub.notify;

import java.util.List;
import java.util.Map;
import se.vaktpost.hub.accounts.Role;
import se.vaktpost.hub.accounts.User;

/**
 * Where people are reached, as the database has it when a notice is routed: accounts with their
 * e-mail, phone and subscribed devices, and the devices a school's staff subscribed by invitation.
 */
public record Directory(List<Member> members, Map<String, List<String>> staffDevices) {
    public Directory {
        members = List.copyOf(members);
        staffDevices = Map.copyOf(staffDevices);
    }

    /** An account; {@code devices} are its push subscriptions' ids. */
    public record Member(String username, Role role, String site, boolean disabled, String email, String phone,
                         List<String> devices) {
        public Member {
            devices = devices == null ? List.of() : List.copyOf(devices);
        }

        /** Only someone who may see the site hears of it. */
        boolean mayHearOf(String siteId) {
            return new User(username, role, site, disabled).canSee(siteId);
        }
    }

    public static Directory empty() {
        return new Directory(List.of(), Map.of());
    }
}
