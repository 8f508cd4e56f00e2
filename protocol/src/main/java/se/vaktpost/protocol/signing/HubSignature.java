package se.vaktpost.protocol.signing;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.util.Base64;
import se.vaktpost.protocol.EventAck;
import se.vaktpost.protocol.SiteState;

/**
 * What the hub signs and how a panel checks it. A state's signature covers its site (so it cannot
 * be replayed onto another school's topic), mode, incident, drill, time and version (so an older
 * state cannot pass for a newer one); an ack's covers site, panel, event id, incident and version.
 * The signed text is fixed here, independent of how the JSON happens to be written.
 */
public final class HubSignature {
    private HubSignature() {
    }

    /** Signs with the hub's private key. */
    public interface Signer {
        String sign(byte[] content);
    }

    public static Signer signer(PrivateKey key) {
        return content -> {
            try {
                Signature s = Signature.getInstance("Ed25519");
                s.initSign(key);
                s.update(content);
                return Base64.getEncoder().encodeToString(s.sign());
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("cannot sign with the hub's key", e);
            }
        };
    }

    /** True only for a well-formed signature by {@code key} over exactly {@code content}. */
    public static boolean verify(PublicKey key, byte[] content, String signature) {
        if (signature == null) {
            return false;
        }
        try {
            Signature s = Signature.getInstance("Ed25519");
            s.initVerify(key);
            s.update(content);
            return s.verify(Base64.getDecoder().decode(signature));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }

    public static byte[] state(String site, SiteState s) {
        return ("vaktpost/v1 state\n" + site + "\n" + s.mode() + "\n" + s.incident() + "\n" + s.drill() + "\n"
                + s.since() + "\n" + s.version()).getBytes(StandardCharsets.UTF_8);
    }

    public static byte[] ack(String site, String panel, EventAck a) {
        return ("vaktpost/v1 ack\n" + site + "\n" + panel + "\n" + a.id() + "\n" + a.incident() + "\n" + a.version())
                .getBytes(StandardCharsets.UTF_8);
    }
}
