package se.vaktpost.hub.app;

import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import se.vaktpost.hub.accounts.AccountStore;
import se.vaktpost.hub.accounts.Passwords;
import se.vaktpost.hub.accounts.Role;
import se.vaktpost.hub.accounts.User;
import se.vaktpost.hub.secondfactor.SecondFactorStore;
import se.vaktpost.protocol.Contract;
import se.vaktpost.storage.SqliteDatabase;

/** {@code central-hub users ...}: manage accounts without editing the database, e.g. the first admin. */
@Command(name = "users", mixinStandardHelpOptions = true, description = "Create and manage hub users.",
        subcommands = {UsersCommand.Add.class, UsersCommand.ListUsers.class, UsersCommand.Passwd.class,
            UsersCommand.Disable.class, UsersCommand.Enable.class, UsersCommand.ResetSecondFactor.class,
            UsersCommand.Contact.class})
final class UsersCommand {

    abstract static class Base implements Callable<Integer> {
        @Option(names = "--db", defaultValue = "data/hub.db", description = "SQLite database file (default: ${DEFAULT-VALUE}).")
        Path db;

        @Override
        public Integer call() throws Exception {
            try (AccountStore store = new AccountStore(db)) {
                return run(store);
            }
        }

        abstract int run(AccountStore store) throws Exception;

        /** Asked twice without echo at a terminal; one line from standard input when piped. */
        static String readPassword() throws java.io.IOException {
            java.io.Console console = System.console();
            if (console != null) {
                char[] first = console.readPassword("Lösenord / password (min %d): ", Passwords.MIN_LENGTH);
                char[] again = console.readPassword("Igen / again: ");
                if (first == null || !java.util.Arrays.equals(first, again)) {
                    throw new IllegalArgumentException("the passwords differ; nothing changed");
                }
                return new String(first);
            }
            String line = new java.io.BufferedReader(new java.io.InputStreamReader(System.in,
                    java.nio.charset.StandardCharsets.UTF_8)).readLine();
            if (line == null) {
                throw new IllegalArgumentException("no password on standard input");
            }
            return line;
        }

        void audit(AccountStore store, String action, String target) throws Exception {
            cliAudit(store, action, target);
        }
    }

    /** An act done at the hub's command line, audited under the operating-system user. */
    static void cliAudit(AccountStore store, String action, String target) throws java.sql.SQLException {
        store.audit("cli:" + System.getProperty("user.name"), action, target, null, "local", Instant.now());
    }

    @Command(name = "add", description = "Add a user. The password is asked for, or read from standard input.")
    static final class Add extends Base {
        @Parameters(index = "0", paramLabel = "USERNAME")
        String username;

        @Option(names = "--role", required = true, description = "reception, security or admin")
        Role role;

        @Option(names = "--site", description = "The own site of a reception user.")
        String site;

        @Override
        int run(AccountStore store) throws Exception {
            if (site != null && !Contract.isIdentifier(site)) {
                throw new IllegalArgumentException("--site must be a site id such as ekbacken");
            }
            User u = new User(username, role, role == Role.RECEPTION ? site : null, false);
            if (store.find(username).isPresent()) {
                throw new IllegalArgumentException("user '" + username + "' exists already; use 'users passwd'");
            }
            store.add(u, Passwords.hash(readPassword()), Instant.now());
            audit(store, "USER_ADD", username + " (" + role + ")");
            System.out.println("added " + username + " as " + role.name().toLowerCase(java.util.Locale.ROOT)
                    + (u.site() == null ? "" : " of " + u.site()));
            return 0;
        }
    }

    @Command(name = "list", description = "List users (never their passwords).")
    static final class ListUsers extends Base {
        @Override
        int run(AccountStore store) throws Exception {
            for (User u : store.list()) {
                System.out.printf("%-20s %-10s %-16s %s%n", u.username(), u.role(), u.site() == null ? "-" : u.site(),
                        u.disabled() ? "disabled" : "active");
            }
            return 0;
        }
    }

    @Command(name = "passwd", description = "Set a new password.")
    static final class Passwd extends Base {
        @Parameters(index = "0", paramLabel = "USERNAME")
        String username;

        @Override
        int run(AccountStore store) throws Exception {
            if (!store.setPassword(username, Passwords.hash(readPassword()))) {
                throw new IllegalArgumentException("no user '" + username + "'");
            }
            audit(store, "USER_PASSWORD", username);
            System.out.println("password changed for " + username);
            return 0;
        }
    }

    @Command(name = "disable", description = "Stop a user from signing in.")
    static final class Disable extends Base {
        @Parameters(index = "0", paramLabel = "USERNAME")
        String username;

        @Override
        int run(AccountStore store) throws Exception {
            return toggle(store, username, true);
        }
    }

    @Command(name = "enable", description = "Let a disabled user sign in again.")
    static final class Enable extends Base {
        @Parameters(index = "0", paramLabel = "USERNAME")
        String username;

        @Override
        int run(AccountStore store) throws Exception {
            return toggle(store, username, false);
        }
    }

    @Command(name = "reset-second-factor", description = "For a lost phone: the user enrols an authenticator app "
            + "again at their next sign-in; their recovery codes and sessions end. Audited.")
    static final class ResetSecondFactor extends Base {
        @Parameters(index = "0", paramLabel = "USERNAME")
        String username;

        @Override
        int run(AccountStore store) throws Exception {
            try (SecondFactorStore factors = new SecondFactorStore(SqliteDatabase.open(db, "db/hub"))) {
                if (!factors.reset(username)) {
                    throw new IllegalArgumentException("'" + username + "' has no second factor to reset");
                }
            }
            audit(store, "SECOND_FACTOR_RESET", username);
            System.out.println("second factor of " + username + " reset; they enrol again at their next sign-in");
            return 0;
        }
    }

    static int toggle(AccountStore store, String username, boolean disabled) throws Exception {
        if (!store.setDisabled(username, disabled)) {
            throw new IllegalArgumentException("no user '" + username + "'");
        }
        store.audit("cli:" + System.getProperty("user.name"), disabled ? "USER_DISABLE" : "USER_ENABLE", username,
                null, "local", Instant.now());
        System.out.println(username + (disabled ? " disabled" : " enabled"));
        return 0;
    }

    @Command(name = "contact", description = "Set where notifications reach a user: e-mail and mobile number "
            + "(an empty value removes it). Audited; the values themselves are not logged.")
    static final class Contact extends Base {
        @Parameters(index = "0", paramLabel = "USERNAME")
        String username;

        @Option(names = "--email", description = "E-mail address, e.g. anna@kommun.se")
        String email;

        @Option(names = "--phone", description = "Mobile number in international form, e.g. +46701234567")
        String phone;

        @Override
        int run(AccountStore store) throws Exception {
            if (email == null && phone == null) {
                throw new IllegalArgumentException("give --email, --phone or both");
            }
            if (email != null && !email.isBlank() && !email.matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+")) {
                throw new IllegalArgumentException("'" + email + "' is not an e-mail address");
            }
            if (phone != null && !phone.isBlank() && !phone.replaceAll("[\\s-]", "").matches("\\+[1-9][0-9]{6,14}")) {
                throw new IllegalArgumentException("give the number in international form, e.g. +46701234567");
            }
            if (!store.setContact(username, blankToNull(email), blankToNull(phone), email != null, phone != null)) {
                throw new IllegalArgumentException("no user '" + username + "'");
            }
            audit(store, "CONTACT_SET", username);
            System.out.println("contact details of " + username + " saved");
            return 0;
        }

        private static String blankToNull(String s) {
            return s == null || s.isBlank() ? null : s.trim();
        }
    }
}
