package se.vaktpost.hub.secondfactor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import se.vaktpost.hub.accounts.AccountStore;
import se.vaktpost.hub.accounts.Role;
import se.vaktpost.hub.accounts.User;
import se.vaktpost.storage.SqliteDatabase;

/** What is refused before any key is checked; the full ceremonies run in Chromium (TwoFactorBrowserTest). */
class PasskeysTest {
    private static final Instant NOW = Instant.parse("2026-12-01T08:00:00Z");
    private static final Passkeys.Site SITE = new Passkeys.Site("https://vaktpost.example", "vaktpost.example");
    private SqliteDatabase db;
    private SecondFactorStore store;
    private Passkeys passkeys;

    @BeforeEach
    void open() throws Exception {
        db = SqliteDatabase.inMemory("passkeys-" + System.nanoTime(), "db/hub");
        try (AccountStore accounts = new AccountStore(db)) {
            accounts.add(new User("vakt", Role.SECURITY, null, false), "hash", NOW);
        }
        store = new SecondFactorStore(db);
        passkeys = new Passkeys(store, Clock.fixed(NOW, ZoneOffset.UTC));
    }

    @AfterEach
    void close() throws Exception {
        store.close();
        db.close();
    }

    @Test
    void garbageInsteadOfARegistrationIsRefusedAndNothingIsKept() throws Exception {
        byte[] clientData = ("{\"type\":\"webauthn.create\",\"challenge\":\"" + Passkeys.newChallenge()
                + "\",\"origin\":\"https://vaktpost.example\"}").getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> passkeys.register("vakt", SITE, Passkeys.newChallenge(), "nyckel", clientData,
                new byte[] {1, 2, 3})).isInstanceOf(Passkeys.Refused.class).hasMessageContaining("could not be verified");
        assertThat(passkeys.credentialIds("vakt").isEmpty()).isTrue();
    }

    @Test
    void anAssertionByACredentialThePersonDoesNotHaveIsRefused() {
        assertThatThrownBy(() -> passkeys.authenticate("vakt", SITE, Passkeys.newChallenge(), new byte[] {9, 9},
                null, new byte[37], new byte[10], new byte[64])).isInstanceOf(Passkeys.Refused.class)
                .hasMessageContaining("not one of your passkeys");
    }

    @Test
    void challengesAreFreshAndTheUserHandleIsStableWithoutTheName() {
        assertThat(Passkeys.newChallenge()).hasSize(43).isNotEqualTo(Passkeys.newChallenge());
        assertThat(Passkeys.userHandle("vakt")).isEqualTo(Passkeys.userHandle("vakt"))
                .isNotEqualTo(Passkeys.userHandle("vakt2")).doesNotContain("vakt");
    }
}
