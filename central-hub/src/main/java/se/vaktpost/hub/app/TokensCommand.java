package se.vaktpost.hub.app;

import java.time.Instant;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import se.vaktpost.hub.accounts.AccountStore;
import se.vaktpost.hub.accounts.Secrets;
import se.vaktpost.hub.accounts.TokenScope;
import se.vaktpost.hub.accounts.TokenTerms;

/** {@code central-hub tokens ...}: API tokens for other systems, which act with their user's rights. */
@Command(name = "tokens", mixinStandardHelpOptions = true, description = "Create, list and revoke API tokens.",
        subcommands = {TokensCommand.Create.class, TokensCommand.ListTokens.class, TokensCommand.Revoke.class})
final class TokensCommand {

    @Command(name = "create", description = "Make a token for USERNAME. It is printed once; only a digest is kept.")
    static final class Create extends UsersCommand.Base {
        @Parameters(index = "0", paramLabel = "USERNAME")
        String username;

        @Option(names = "--name", required = true, description = "What the token is for, e.g. 'larmcentral'.")
        String name;

        @Option(names = "--scope", required = true, paramLabel = "GRANTS", description = "What it may do, narrower "
                + "than its user: e.g. 'view:ekbacken lockdown:ekbacken' or 'view:* acknowledge:*'. Rights: view, "
                + "lockdown, drill, all-clear, acknowledge. No scope reaches personal data.")
        String scope;

        @Option(names = "--days", description = "How long it lives, 1-" + TokenTerms.MAX_DAYS + " (default "
                + TokenTerms.DEFAULT_DAYS + ").")
        Integer days;

        @Override
        int run(AccountStore store) throws Exception {
            if (store.find(username).isEmpty()) {
                throw new IllegalArgumentException("no user '" + username + "'; add one with 'users add'");
            }
            TokenScope grants = TokenScope.parse(scope);
            Instant now = Instant.now();
            String token = Secrets.newToken();
            long id = store.addToken(new AccountStore.NewToken(name, username, grants, TokenTerms.expiry(days, now)),
                    token, now);
            audit(store, "TOKEN_CREATE", username + " token " + id + " '" + name + "' " + grants.text());
            System.err.println("token " + id + " for " + username + " (" + grants.text() + "), valid until "
                    + TokenTerms.expiry(days, now) + "; keep it secret, it is not shown again:");
            System.out.println(token);
            return 0;
        }
    }

    @Command(name = "list", description = "List tokens (never the tokens themselves).")
    static final class ListTokens extends UsersCommand.Base {
        @Override
        int run(AccountStore store) throws Exception {
            for (AccountStore.TokenRow t : store.tokens()) {
                System.out.printf("%-4d %-24s %-16s %s, created %s, expires %s, last used %s%s%n", t.id(), t.name(),
                        t.username(), t.scope() == null ? "(no scope: refused, make a new one)" : t.scope(),
                        t.createdAt(), t.expiresAt() == null ? "-" : t.expiresAt(),
                        t.lastUsedAt() == null ? "never" : t.lastUsedAt(),
                        t.revokedAt() == null ? "" : ", REVOKED " + t.revokedAt());
            }
            return 0;
        }
    }

    @Command(name = "revoke", description = "Stop a token from working at once.")
    static final class Revoke extends UsersCommand.Base {
        @Parameters(index = "0", paramLabel = "ID")
        long id;

        @Override
        int run(AccountStore store) throws Exception {
            if (!store.revokeToken(id, Instant.now())) {
                throw new IllegalArgumentException("no live token " + id + "; see 'tokens list'");
            }
            audit(store, "TOKEN_REVOKE", String.valueOf(id));
            System.out.println("token " + id + " revoked");
            return 0;
        }
    }
}
