package se.vaktpost.hub.http;

import io.vertx.ext.web.Session;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import se.vaktpost.hub.accounts.AccountStore;
import se.vaktpost.hub.secondfactor.SecondFactors;

/**
 * What a browser session holds about its sign-in: either a complete sign-in (the user and a digest
 * of what they proved), or a sign-in half done (the password was right; the second factor, or
 * enrolling one, is still to come). One place for the keys, so no route reads them differently.
 */
final class SignInSession {
    private static final String USER = "username";
    /** A digest of the password hash and second factor at sign-in: changing either ends the session. */
    private static final String CREDENTIAL = "credential";
    /** Whether this sign-in included a second factor: a role that comes to need one must sign in again. */
    private static final String WITH_FACTOR = "factor";
    /** When the sign-in completed (hub time): adding a factor asks for a recent one. */
    private static final String SIGNED_IN_AT = "signedInAt";
    /** How recent a sign-in must be to add a second factor: a session taken later cannot plant one. */
    static final long RECENT_MS = 10 * 60 * 1000L;
    private static final String PENDING = "pending";
    private static final String PENDING_NEED = "pendingNeed";
    private static final String PENDING_SINCE = "pendingSince";
    /** How long the second step may take after the password; then the password is asked for again. */
    static final long PENDING_MS = 5 * 60 * 1000L;

    private SignInSession() {
    }

    /** A complete sign-in, in a new session id (so a session id seen before sign-in is worth nothing). */
    static void complete(Session s, AccountStore.Login login, boolean withFactor) {
        s.regenerateId();
        s.remove(PENDING);
        s.remove(PENDING_NEED);
        s.remove(PENDING_SINCE);
        s.put(USER, login.user().username());
        s.put(CREDENTIAL, credential(login));
        s.put(WITH_FACTOR, withFactor);
        s.put(SIGNED_IN_AT, System.currentTimeMillis());
    }

    /** Whether the session's sign-in completed within {@link #RECENT_MS}. */
    static boolean recent(Session s, long nowMs) {
        Number at = s == null ? null : s.get(SIGNED_IN_AT);
        return at != null && nowMs - at.longValue() <= RECENT_MS && nowMs >= at.longValue();
    }

    /** The password was right; {@code need} is still to be done within {@link #PENDING_MS}. */
    static void pend(Session s, AccountStore.Login login, SecondFactors.Need need, long nowMs) {
        s.regenerateId();
        s.remove(USER);
        s.remove(CREDENTIAL);
        s.put(PENDING, login.user().username());
        s.put(PENDING_NEED, need.name());
        s.put(PENDING_SINCE, nowMs);
    }

    /** A half-done sign-in that has not run out, or null. */
    record Pending(String username, SecondFactors.Need need) {
    }

    static Pending pending(Session s, long nowMs) {
        if (s == null || s.get(PENDING) == null) {
            return null;
        }
        Number stored = s.get(PENDING_SINCE); // a Long, or an Integer after a round trip through the store's JSON
        long since = stored == null ? Long.MIN_VALUE : stored.longValue();
        if (stored == null || nowMs - since > PENDING_MS || nowMs < since) {
            return null;
        }
        return new Pending(s.get(PENDING), SecondFactors.Need.valueOf(s.get(PENDING_NEED)));
    }

    private static final String CHALLENGE = "passkeyChallenge";

    /** Keeps a passkey ceremony's challenge for its second half; {@code purpose} keeps sign-in and registration apart. */
    static void challenge(Session s, String purpose, String challenge) {
        s.put(CHALLENGE, purpose + " " + challenge);
    }

    /** The challenge kept for {@code purpose}, once: it is removed whatever the answer. */
    static String takeChallenge(Session s, String purpose) {
        String kept = s == null ? null : s.remove(CHALLENGE);
        return kept != null && kept.startsWith(purpose + " ") ? kept.substring(purpose.length() + 1) : null;
    }

    static String username(Session s) {
        return s == null ? null : s.get(USER);
    }

    static String credential(Session s) {
        return s.get(CREDENTIAL);
    }

    static boolean withFactor(Session s) {
        return Boolean.TRUE.equals(s.get(WITH_FACTOR));
    }

    /** A digest of the password hash and the second factor's date, kept in the session instead of either. */
    static String credential(AccountStore.Login login) {
        try {
            String proof = login.passwordHash() + "|" + (login.factorSince() == null ? "" : login.factorSince());
            byte[] d = MessageDigest.getInstance("SHA-256").digest(proof.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
