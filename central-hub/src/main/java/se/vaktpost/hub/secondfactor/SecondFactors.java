package se.vaktpost.hub.secondfactor;

import java.sql.SQLException;
import java.time.Clock;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import se.vaktpost.hub.accounts.Role;
import se.vaktpost.hub.accounts.User;

/**
 * Who needs a second factor, enrolment, and checking a code at sign-in. The roles that must have
 * one are configured ({@code hub.twoFactorRoles}); anyone who has enrolled is asked for it too.
 */
public final class SecondFactors {
    /** What a person must still do after their password was right. */
    public enum Need { NONE, VERIFY, ENROL }

    /** How a sign-in was completed, for the audit log. */
    public enum Proof { TOTP, RECOVERY_CODE, PASSKEY }

    /** What the enrolment page shows: the secret (to type in by hand) and the key URI (in the QR code). */
    public record Enrolment(String secret, String keyUri) {
    }

    private static final String ISSUER = "Vaktpost";
    private final SecondFactorStore store;
    private final Totp totp;
    private final Set<Role> requiredFor;
    private final Clock clock;

    public SecondFactors(SecondFactorStore store, Set<Role> requiredFor, Clock clock) {
        this.store = store;
        this.totp = new Totp(clock);
        this.requiredFor = requiredFor.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(requiredFor));
        this.clock = clock;
    }

    public boolean required(Role role) {
        return requiredFor.contains(role);
    }

    public Need need(User u) throws SQLException {
        if (store.factor(u.username()).filter(SecondFactorStore.Factor::confirmed).isPresent()
                || !store.passkeys(u.username()).isEmpty()) {
            return Need.VERIFY;
        }
        return required(u.role()) ? Need.ENROL : Need.NONE;
    }

    /** The secret being enrolled (a new one unless enrolment has begun); empty once a factor is confirmed. */
    public Optional<Enrolment> enrolment(String username) throws SQLException {
        if (store.factor(username).isEmpty()) {
            store.begin(username, Totp.newSecret());
        }
        // read back: of two pages enrolling at once, both show the one secret that was stored
        var f = store.factor(username).filter(x -> !x.confirmed());
        return f.map(x -> new Enrolment(x.secret(), Totp.keyUri(ISSUER, username, x.secret())));
    }

    /** Confirms enrolment with the first code from the app; the recovery codes, shown once, or empty. */
    public Optional<List<String>> confirm(String username, String code) throws SQLException {
        var f = store.factor(username).filter(x -> !x.confirmed());
        if (f.isEmpty()) {
            return Optional.empty();
        }
        OptionalLong step = totp.match(f.get().secret(), code, f.get().lastStep());
        List<String> codes = RecoveryCodes.generate();
        if (step.isPresent() && store.confirm(username, f.get().secret(), step.getAsLong(), codes, clock.instant())) {
            return Optional.of(codes);
        }
        return Optional.empty();
    }

    /** Checks a code from the app, or a recovery code, at sign-in; each is taken once only. */
    public Optional<Proof> verify(String username, String typed) throws SQLException {
        var f = store.factor(username).filter(SecondFactorStore.Factor::confirmed);
        if (RecoveryCodes.looksLikeOne(typed)) {
            return store.useRecoveryCode(username, typed, clock.instant()) ? Optional.of(Proof.RECOVERY_CODE)
                    : Optional.empty();
        }
        if (f.isEmpty()) {
            return Optional.empty();
        }
        OptionalLong step = totp.match(f.get().secret(), typed, f.get().lastStep());
        return step.isPresent() && store.acceptStep(username, step.getAsLong()) ? Optional.of(Proof.TOTP)
                : Optional.empty();
    }

    public int recoveryCodesLeft(String username) throws SQLException {
        return store.recoveryCodesLeft(username);
    }

    /** An administrator's reset: the person enrols again at their next sign-in. */
    public boolean reset(String username) throws SQLException {
        return store.reset(username);
    }
}
