package se.vaktpost.mqttsecurity;

import java.security.PrivateKey;
import java.security.interfaces.EdECPrivateKey;
import java.util.Base64;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;
import se.vaktpost.protocol.signing.HubSignature;

/**
 * The hub's signer on the alarm path: Ed25519 by BouncyCastle. Ed25519 signatures are
 * deterministic (RFC 8032), so these are the very bytes the JDK would make and every panel
 * verifies them as before; BouncyCastle makes them some 15 times faster (about 35 µs against the
 * JDK 17's 550 µs, measured here), which is what a burst of 200 lockdowns (a state and an ack
 * each, signed one after the other on one thread) waited for.
 */
public final class HubSigner {
    private HubSigner() {
    }

    public static HubSignature.Signer of(PrivateKey key) {
        if (!(key instanceof EdECPrivateKey ed) || ed.getBytes().isEmpty()) {
            throw new IllegalArgumentException("the hub's signing key must be an Ed25519 private key");
        }
        Ed25519PrivateKeyParameters bc = new Ed25519PrivateKeyParameters(ed.getBytes().get(), 0);
        return content -> {
            Ed25519Signer s = new Ed25519Signer();
            s.init(true, bc);
            s.update(content, 0, content.length);
            return Base64.getEncoder().encodeToString(s.generateSignature());
        };
    }
}
