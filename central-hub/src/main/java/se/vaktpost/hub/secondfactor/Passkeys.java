package se.vaktpost.hub.secondfactor;

import com.webauthn4j.WebAuthnManager;
import com.webauthn4j.converter.AttestedCredentialDataConverter;
import com.webauthn4j.converter.exception.DataConversionException;
import com.webauthn4j.converter.util.ObjectConverter;
import com.webauthn4j.credential.CredentialRecordImpl;
import com.webauthn4j.data.AuthenticationData;
import com.webauthn4j.data.AuthenticationParameters;
import com.webauthn4j.data.AuthenticationRequest;
import com.webauthn4j.data.PublicKeyCredentialParameters;
import com.webauthn4j.data.PublicKeyCredentialType;
import com.webauthn4j.data.RegistrationData;
import com.webauthn4j.data.RegistrationParameters;
import com.webauthn4j.data.RegistrationRequest;
import com.webauthn4j.data.attestation.authenticator.AuthenticatorData;
import com.webauthn4j.data.attestation.statement.COSEAlgorithmIdentifier;
import com.webauthn4j.data.attestation.statement.NoneAttestationStatement;
import com.webauthn4j.data.client.Origin;
import com.webauthn4j.data.client.challenge.DefaultChallenge;
import com.webauthn4j.server.ServerProperty;
import com.webauthn4j.util.Base64UrlUtil;
import com.webauthn4j.verifier.exception.VerificationException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.SQLException;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;

/**
 * Passkeys and security keys (WebAuthn) as a second factor, verified by WebAuthn4J: registering one
 * (for someone signed in) and signing in with one. Challenges are made here and kept by the caller
 * (in the session) between the two halves of each ceremony; each is used once.
 */
public final class Passkeys {
    /** Algorithms offered, in the order authenticators should prefer them: ES256, EdDSA, RS256. */
    public static final List<Long> ALGORITHMS = List.of(-7L, -8L, -257L);
    private static final SecureRandom RANDOM = new SecureRandom();
    private final WebAuthnManager manager = WebAuthnManager.createNonStrictWebAuthnManager();
    private final AttestedCredentialDataConverter converter = new AttestedCredentialDataConverter(new ObjectConverter());
    private final SecondFactorStore store;
    private final Clock clock;

    public Passkeys(SecondFactorStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /** Where the page was served from: the origin the browser signs, and the relying party id (its host). */
    public record Site(String origin, String rpId) {
    }

    /** Why a ceremony was refused, in words for the person. */
    public static final class Refused extends Exception {
        public Refused(String message, Throwable cause) {
            super(message, cause);
        }
    }

    public static String newChallenge() {
        byte[] b = new byte[32];
        RANDOM.nextBytes(b);
        return Base64UrlUtil.encodeToString(b);
    }

    /** A stable handle for the person that does not show their name to the authenticator's list. */
    public static String userHandle(String username) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(("vaktpost-user:" + username)
                    .getBytes(StandardCharsets.UTF_8));
            return Base64UrlUtil.encodeToString(Arrays.copyOf(d, 16));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    public List<String> credentialIds(String username) throws SQLException {
        return store.passkeys(username).stream().map(SecondFactorStore.Passkey::credentialId).toList();
    }

    /** Verifies a new credential made for {@code challenge} and keeps its public key. */
    public void register(String username, Site site, String challenge, String label, byte[] clientDataJson,
                         byte[] attestationObject) throws Refused, SQLException {
        List<PublicKeyCredentialParameters> algorithms = ALGORITHMS.stream().map(a -> new PublicKeyCredentialParameters(
                PublicKeyCredentialType.PUBLIC_KEY, COSEAlgorithmIdentifier.create(a))).toList();
        RegistrationData data;
        try {
            data = manager.verify(new RegistrationRequest(attestationObject, clientDataJson),
                    new RegistrationParameters(server(site, challenge), algorithms, false, true));
        } catch (DataConversionException | VerificationException e) {
            throw new Refused("the passkey could not be verified: " + e.getMessage(), e);
        }
        AuthenticatorData<?> a = data.getAttestationObject().getAuthenticatorData();
        var credential = a.getAttestedCredentialData();
        String id = Base64UrlUtil.encodeToString(credential.getCredentialId());
        if (store.passkey(username, id).isPresent()) {
            throw new Refused("this passkey is registered already", null);
        }
        store.addPasskey(username, new SecondFactorStore.Passkey(id, label,
                Base64UrlUtil.encodeToString(converter.convert(credential)), a.getSignCount(), a.isFlagUV(),
                a.isFlagBE(), a.isFlagBS(), null, null), clock.instant());
    }

    /** Verifies an assertion for {@code challenge} by one of the person's passkeys; moves its counter on. */
    public void authenticate(String username, Site site, String challenge, byte[] credentialId, byte[] userHandle,
                             byte[] authenticatorData, byte[] clientDataJson, byte[] signature)
            throws Refused, SQLException {
        String id = Base64UrlUtil.encodeToString(credentialId);
        var key = store.passkey(username, id).orElseThrow(() -> new Refused("not one of your passkeys", null));
        CredentialRecordImpl record = new CredentialRecordImpl(new NoneAttestationStatement(), key.uvInitialized(),
                key.backupEligible(), key.backupState(), key.signCount(),
                converter.convert(Base64UrlUtil.decode(key.credentialData())), null, null, null, null);
        AuthenticationData data;
        try {
            data = manager.verify(new AuthenticationRequest(credentialId, userHandle, authenticatorData, clientDataJson,
                    signature), new AuthenticationParameters(server(site, challenge), record, List.of(credentialId),
                    false, true));
        } catch (DataConversionException | VerificationException e) {
            throw new Refused("the passkey's answer did not verify: " + e.getMessage(), e);
        }
        var a = data.getAuthenticatorData();
        store.passkeyUsed(username, id, a.getSignCount(), a.isFlagBS(), clock.instant());
    }

    private static ServerProperty server(Site site, String challenge) {
        return new ServerProperty(new Origin(site.origin()), site.rpId(), new DefaultChallenge(challenge));
    }
}
