package se.vaktpost.protocol.signing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import se.vaktpost.protocol.Codec;
import se.vaktpost.protocol.EventAck;
import se.vaktpost.protocol.Mode;
import se.vaktpost.protocol.SiteState;

class HubSignatureTest {
    private static final Instant SINCE = Instant.parse("2026-12-01T10:00:00Z");

    @Test
    void aStateVerifiesOnlyForItsSiteModeAndVersion(@TempDir Path dir) {
        KeyPair key = HubKey.openOrCreate(dir);
        HubSignature.Signer signer = HubSignature.signer(key.getPrivate());
        SiteState lockdown = new SiteState(Mode.LOCKDOWN, "inc-1", SINCE, false, 7);
        String sig = signer.sign(HubSignature.state("alfa", lockdown));

        assertThat(HubSignature.verify(key.getPublic(), HubSignature.state("alfa", lockdown), sig)).isTrue();
        assertThat(HubSignature.verify(key.getPublic(), HubSignature.state("beta", lockdown), sig)).as("another site").isFalse();
        assertThat(HubSignature.verify(key.getPublic(), HubSignature.state("alfa", SiteState.normal(SINCE, 7)), sig))
                .as("another mode").isFalse();
        assertThat(HubSignature.verify(key.getPublic(), HubSignature.state("alfa",
                new SiteState(Mode.LOCKDOWN, "inc-1", SINCE, false, 8)), sig)).as("another version").isFalse();
        assertThat(HubSignature.verify(key.getPublic(), HubSignature.state("alfa",
                new SiteState(Mode.LOCKDOWN, "inc-1", SINCE, true, 7)), sig)).as("drill flag").isFalse();
        assertThat(HubSignature.verify(key.getPublic(), HubSignature.state("alfa", lockdown), null)).as("unsigned").isFalse();
        assertThat(HubSignature.verify(key.getPublic(), HubSignature.state("alfa", lockdown), "not base64!")).isFalse();
        KeyPair stranger = HubKey.openOrCreate(dir.resolve("other"));
        assertThat(HubSignature.verify(stranger.getPublic(), HubSignature.state("alfa", lockdown), sig)).as("another key").isFalse();
    }

    @Test
    void anAckVerifiesOnlyForItsPanelAndEvent(@TempDir Path dir) {
        KeyPair key = HubKey.openOrCreate(dir);
        EventAck ack = new EventAck(UUID.randomUUID(), null, 3);
        String sig = HubSignature.signer(key.getPrivate()).sign(HubSignature.ack("alfa", "a1", ack));
        assertThat(HubSignature.verify(key.getPublic(), HubSignature.ack("alfa", "a1", ack), sig)).isTrue();
        assertThat(HubSignature.verify(key.getPublic(), HubSignature.ack("alfa", "a2", ack), sig)).isFalse();
        assertThat(HubSignature.verify(key.getPublic(), HubSignature.ack("alfa", "a1", new EventAck(UUID.randomUUID(), null, 3)), sig))
                .isFalse();
    }

    @Test
    void theSignatureTravelsInTheJsonAndTheKeyComesBackFromItsFiles(@TempDir Path dir) throws Exception {
        KeyPair key = HubKey.openOrCreate(dir);
        assertThat(HubKey.openOrCreate(dir).getPublic()).isEqualTo(key.getPublic());
        assertThat(HubKey.readPublic(dir.resolve(HubKey.PUBLIC_FILE))).isEqualTo(key.getPublic());
        assertThat(Files.getPosixFilePermissions(dir.resolve(HubKey.PRIVATE_FILE)))
                .isEqualTo(java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        SiteState s = SiteState.normal(SINCE, 4);
        byte[] wire = Codec.encode(s, "c2ln");
        assertThat(Codec.signature(wire)).contains("c2ln");
        assertThat(Codec.signature(Codec.encode(s))).isEmpty();
        assertThat(Codec.signature("{not json".getBytes())).isEmpty();
    }
}
