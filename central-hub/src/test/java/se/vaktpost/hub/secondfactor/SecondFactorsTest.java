package se.vaktpost.hub.secondfactor;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import se.vaktpost.hub.accounts.AccountStore;
import se.vaktpost.hub.accounts.Role;
import se.vaktpost.hub.accounts.User;
import se.vaktpost.storage.SqliteDatabase;

class SecondFactorsTest {
    private static final Instant NOW = Instant.parse("2026-12-01T08:00:10Z");
    private final User security = new User("vakt", Role.SECURITY, null, false);
    private final User reception = new User("recep", Role.RECEPTION, "alfa", false);
    private SqliteDatabase db;
    private SecondFactorStore store;
    private SecondFactors factors;

    @BeforeEach
    void open() throws Exception {
        db = SqliteDatabase.inMemory("factors-" + System.nanoTime(), "db/hub");
        try (AccountStore accounts = new AccountStore(db)) {
            accounts.add(security, "hash", NOW);
            accounts.add(reception, "hash", NOW);
        }
        store = new SecondFactorStore(db);
        factors = new SecondFactors(store, Set.of(Role.SECURITY, Role.ADMIN), Clock.fixed(NOW, ZoneOffset.UTC));
    }

    @AfterEach
    void close() throws Exception {
        store.close();
        db.close();
    }

    private String enrol(String username) throws Exception {
        String secret = factors.enrolment(username).orElseThrow().secret();
        assertThat(factors.confirm(username, Totp.code(secret, NOW))).isPresent();
        return secret;
    }

    @Test
    void aRoleThePolicyNamesMustEnrolAnyoneEnrolledIsAskedAndTheRestSignInWithAPassword() throws Exception {
        assertThat(factors.need(security)).isEqualTo(SecondFactors.Need.ENROL);
        assertThat(factors.need(reception)).isEqualTo(SecondFactors.Need.NONE);
        enrol("recep");
        assertThat(factors.need(reception)).as("enrolled of their own accord").isEqualTo(SecondFactors.Need.VERIFY);
        SecondFactors nobody = new SecondFactors(store, Set.of(), Clock.fixed(NOW, ZoneOffset.UTC));
        assertThat(nobody.need(security)).isEqualTo(SecondFactors.Need.NONE);
    }

    @Test
    void enrolmentKeepsItsSecretUntilConfirmedAndIsNotOfferedAgainAfterwards() throws Exception {
        var first = factors.enrolment("vakt").orElseThrow();
        assertThat(factors.enrolment("vakt").orElseThrow().secret()).as("the QR code and the page agree")
                .isEqualTo(first.secret());
        assertThat(first.keyUri()).startsWith("otpauth://totp/Vaktpost:vakt?secret=" + first.secret());
        assertThat(factors.confirm("vakt", "000000")).as("a wrong first code").isEmpty();
        assertThat(factors.need(security)).isEqualTo(SecondFactors.Need.ENROL);
        List<String> codes = factors.confirm("vakt", Totp.code(first.secret(), NOW)).orElseThrow();
        assertThat(codes).hasSize(10).doesNotHaveDuplicates().allMatch(c -> c.matches("[2-9a-z]{5}-[2-9a-z]{5}"));
        assertThat(factors.enrolment("vakt")).isEmpty();
        assertThat(factors.need(security)).isEqualTo(SecondFactors.Need.VERIFY);
    }

    @Test
    void theEnrolmentCodeCannotBeUsedAgainToSignIn() throws Exception {
        String secret = enrol("vakt");
        assertThat(factors.verify("vakt", Totp.code(secret, NOW))).isEmpty();
        assertThat(factors.verify("vakt", Totp.code(secret, NOW.plusSeconds(30)))).hasValue(SecondFactors.Proof.TOTP);
        assertThat(factors.verify("vakt", Totp.code(secret, NOW.plusSeconds(30)))).as("replayed").isEmpty();
    }

    @Test
    void aRecoveryCodeWorksOnceTypedAnyWay() throws Exception {
        String secret = factors.enrolment("vakt").orElseThrow().secret();
        List<String> codes = factors.confirm("vakt", Totp.code(secret, NOW)).orElseThrow();
        String typed = " " + codes.get(3).toUpperCase().replace("-", " - ") + " ";
        assertThat(factors.verify("vakt", typed)).hasValue(SecondFactors.Proof.RECOVERY_CODE);
        assertThat(factors.verify("vakt", codes.get(3))).isEmpty();
        assertThat(factors.recoveryCodesLeft("vakt")).isEqualTo(9);
        assertThat(factors.verify("vakt", "abcde-fghjk")).isEmpty();
        assertThat(factors.verify("recep", codes.get(4))).as("another person's code").isEmpty();
    }

    @Test
    void aPasskeyAloneMakesAPersonBeAskedAndAResetRemovesIt() throws Exception {
        store.addPasskey("recep", new SecondFactorStore.Passkey("cred-1", "nyckel", "data", 0, true, false, false,
                null, null), NOW);
        assertThat(factors.need(reception)).isEqualTo(SecondFactors.Need.VERIFY);
        assertThat(factors.verify("recep", "123456")).as("no app enrolled: no code is taken").isEmpty();
        assertThat(factors.reset("recep")).isTrue();
        assertThat(store.passkeys("recep")).isEmpty();
        assertThat(factors.need(reception)).isEqualTo(SecondFactors.Need.NONE);
    }

    @Test
    void aResetRemovesFactorAndRecoveryCodesSoThePersonEnrolsAgain() throws Exception {
        String secret = factors.enrolment("vakt").orElseThrow().secret();
        List<String> codes = factors.confirm("vakt", Totp.code(secret, NOW)).orElseThrow();
        assertThat(factors.reset("vakt")).isTrue();
        assertThat(factors.need(security)).isEqualTo(SecondFactors.Need.ENROL);
        assertThat(factors.verify("vakt", codes.get(0))).isEmpty();
        assertThat(factors.recoveryCodesLeft("vakt")).isZero();
        assertThat(factors.enrolment("vakt").orElseThrow().secret()).isNotEqualTo(secret);
        assertThat(factors.reset("recep")).as("nothing to reset").isFalse();
    }
}
