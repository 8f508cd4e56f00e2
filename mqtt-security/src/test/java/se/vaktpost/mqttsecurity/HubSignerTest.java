package se.vaktpost.mqttsecurity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import org.junit.jupiter.api.Test;
import se.vaktpost.protocol.EventAck;
import se.vaktpost.protocol.signing.HubSignature;

class HubSignerTest {
    @Test
    void itsSignaturesAreTheJdksToTheByteAndVerifyOnThePanels() throws Exception {
        KeyPair key = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        HubSignature.Signer fast = HubSigner.of(key.getPrivate());
        HubSignature.Signer jdk = HubSignature.signer(key.getPrivate());
        for (int version = 1; version <= 20; version++) {
            byte[] ack = HubSignature.ack("alfa", "a1", new EventAck(java.util.UUID.randomUUID(), "inc-1", version));
            assertThat(fast.sign(ack)).isEqualTo(jdk.sign(ack));
            assertThat(HubSignature.verify(key.getPublic(), ack, fast.sign(ack))).isTrue();
        }
        KeyPair other = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        byte[] content = "vaktpost/v1 state\nalfa".getBytes();
        assertThat(HubSignature.verify(other.getPublic(), content, fast.sign(content))).isFalse();
    }

    @Test
    void onlyAnEd25519KeySigns() throws Exception {
        KeyPair ec = KeyPairGenerator.getInstance("EC").generateKeyPair();
        assertThatThrownBy(() -> HubSigner.of(ec.getPrivate())).hasMessageContaining("Ed25519");
    }
}
