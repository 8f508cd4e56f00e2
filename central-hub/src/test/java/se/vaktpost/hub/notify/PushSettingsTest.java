package se.vaktpost.hub.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class PushSettingsTest {
    @Test
    void onlyTheBrowsersPushServicesByDefaultSoNoDeviceCanPointTheHubIntoTheNetwork() {
        Settings.Push defaults = Settings.Push.defaults();

        assertThat(defaults.allows("fcm.googleapis.com")).isTrue();
        assertThat(defaults.allows("wns2-by3p.notify.windows.com")).isTrue();
        assertThat(defaults.allows("web.push.apple.com")).isTrue();
        assertThat(defaults.allows("intranet.kommun.local")).isFalse();
        assertThat(defaults.allows("127.0.0.1")).isFalse();
        assertThat(defaults.allows("evilnotify.windows.com")).as("a suffix is a whole label").isFalse();
        assertThat(new Settings.Push(null, List.of("127.0.0.1")).allows("127.0.0.1")).isTrue();
    }

    @Test
    void aSubscriptionIsRefusedForAHostThatIsNotAllowedOrForMalformedKeys() throws Exception {
        java.security.KeyPairGenerator g = java.security.KeyPairGenerator.getInstance("EC");
        g.initialize(new java.security.spec.ECGenParameterSpec("secp256r1"));
        String key = PushKeys.uncompressedPoint((java.security.interfaces.ECPublicKey) g.generateKeyPair().getPublic());
        String auth = "A".repeat(22);
        Settings.Push lab = new Settings.Push(null, List.of("127.0.0.1"));

        PushSubscriptions.validate("http://127.0.0.1:9/notify/x", key, auth, lab);
        assertThatThrownBy(() -> PushSubscriptions.validate("https://intranet.kommun.local/x", key, auth, lab))
                .hasMessageContaining("allowedHosts");
        assertThatThrownBy(() -> PushSubscriptions.validate("http://fcm.googleapis.com/x", key, auth, Settings.Push.defaults()))
                .hasMessageContaining("https");
        assertThatThrownBy(() -> PushSubscriptions.validate("http://127.0.0.1:9/x", "short", auth, lab))
                .hasMessageContaining("keys");
        assertThatThrownBy(() -> PushSubscriptions.validate("http://127.0.0.1:9/x", "B" + "A".repeat(86), auth, lab))
                .as("65 bytes that are no point on the curve").hasMessageContaining("keys");
    }
}
