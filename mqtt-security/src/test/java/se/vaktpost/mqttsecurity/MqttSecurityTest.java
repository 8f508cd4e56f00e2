package se.vaktpost.mqttsecurity;

import se.vaktpost.protocol.transport.MqttIdentity;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MqttSecurityTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-01T10:00:00Z"), ZoneOffset.UTC);
    private static final java.util.Set<java.nio.file.attribute.PosixFilePermission> OWNER_ONLY =
            java.nio.file.attribute.PosixFilePermissions.fromString("rw-------");
    private final SecureRandom random = new SecureRandom();

    @Test
    void identitiesRoundTripAndAreUnambiguous() {
        MqttIdentity p = MqttIdentity.panel("ek-backen", "reception-2");
        assertThat(p.username()).isEqualTo("panel.ek-backen.reception-2");
        assertThat(MqttIdentity.parse(p.username())).contains(p);
        assertThat(MqttIdentity.parse("hub")).contains(MqttIdentity.HUB);
        assertThat(MqttIdentity.parse("hub.presence")).contains(MqttIdentity.HUB_PRESENCE);
        assertThat(MqttIdentity.parse("hub.states")).contains(MqttIdentity.HUB_STATES);
        assertThat(MqttIdentity.parse("panel.a.b.c")).isEmpty();
        assertThat(MqttIdentity.parse("panel.A.b")).isEmpty();
        assertThat(MqttIdentity.parse(null)).isEmpty();
        assertThatThrownBy(() -> MqttIdentity.panel("a.b", "c")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void passwordHashesMatchOnlyTheirPassword() {
        char[] pw = MosquittoPasswords.newPassword(random);
        assertThat(pw).hasSize(43);
        String hash = MosquittoPasswords.hash(pw, random);
        assertThat(hash).startsWith("$7$101$");
        assertThat(MosquittoPasswords.matches(pw, hash)).isTrue();
        assertThat(MosquittoPasswords.matches("wrong".toCharArray(), hash)).isFalse();
        assertThat(MosquittoPasswords.hash(pw, random)).as("salted").isNotEqualTo(hash);
    }

    @Test
    void passwordHashIsPbkdf2Sha512AsMosquittoComputesIt() {
        // RFC 6070-style vector for PBKDF2-HMAC-SHA512 ("password", "salt", 1 iteration), first bytes
        byte[] salt = "salt".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        String line = MosquittoPasswords.format(1, salt, new byte[0]);
        assertThat(line).isEqualTo("$7$1$c2FsdA==$");
        String h = "$7$1$c2FsdA==$" + java.util.Base64.getEncoder().encodeToString(hex(
                "867f70cf1ade02cff3752599a3a53dc4af34c7a669815ae5d513554e1c8cf252"
                        + "c02d470a285a0501bad999bfe943c08f050235d7d68b1da55e63f73b60a57fce"));
        assertThat(MosquittoPasswords.matches("password".toCharArray(), h)).isTrue();
    }

    @Test
    void aclGivesEachPanelOnlyItsOwnTopics() {
        String acl = BrokerAcl.render(List.of(MqttIdentity.panel("s2", "p1"), MqttIdentity.panel("s1", "p1")));
        assertThat(acl).contains("""
                user panel.s1.p1
                topic write vaktpost/v1/sites/s1/panels/p1/events
                topic write vaktpost/v1/sites/s1/panels/p1/status
                topic read vaktpost/v1/sites/s1/state
                topic read vaktpost/v1/sites/s1/panels/+/events
                topic read vaktpost/v1/sites/s1/panels/p1/ack
                """);
        assertThat(acl.indexOf("user panel.s1.p1")).isLessThan(acl.indexOf("user panel.s2.p1"));
        assertThat(acl).contains("user hub\ntopic read vaktpost/v1/sites/+/panels/+/events\ntopic readwrite vaktpost/v1/sites/+/state\n");
        assertThat(acl).contains("user hub.presence\ntopic read vaktpost/v1/sites/+/panels/+/status\ntopic write vaktpost/v1/sites/+/panels/+/ack\n");
        assertThat(acl).contains("user hub.states\ntopic write vaktpost/v1/sites/+/state\n");
        // no panel line ever names another site or writes state or ack
        acl.lines().filter(l -> l.startsWith("topic")).filter(l -> l.contains("/state") || l.contains("/ack"))
                .filter(l -> l.startsWith("topic write") || l.startsWith("topic readwrite"))
                .forEach(l -> assertThat(l).matches("topic (readwrite vaktpost/v1/sites/\\+/state|write vaktpost/v1/sites/\\+/state"
                        + "|write vaktpost/v1/sites/\\+/panels/\\+/ack)"));
        assertThatThrownBy(() -> BrokerAcl.render(List.of(MqttIdentity.HUB))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void brokerCertificateIsSignedByTheCaForEveryName(@TempDir Path dir) throws Exception {
        Pki pki = Pki.openOrCreate(dir, "Vaktpost test CA", CLOCK, random);
        Pki.Issued server = pki.issueServer(List.of("broker.example", "127.0.0.1"), CLOCK);
        X509Certificate cert = server.certificate();
        cert.verify(pki.caCertificate().getPublicKey());
        cert.checkValidity(Date.from(CLOCK.instant()));
        assertThat(cert.getSubjectAlternativeNames().stream().map(l -> String.valueOf(l.get(1))).toList()).containsExactly("broker.example", "127.0.0.1");
        assertThat(cert.getBasicConstraints()).isEqualTo(-1);
        assertThat(pki.caCertificate().getBasicConstraints()).isEqualTo(0);
        // the same CA comes back from the directory; a foreign CA does not verify the certificate
        Pki again = Pki.openOrCreate(dir, "ignored", CLOCK, random);
        assertThat(again.caCertificate()).isEqualTo(pki.caCertificate());
        Pki stranger = Pki.create("stranger", CLOCK, random);
        assertThatThrownBy(() -> cert.verify(stranger.caCertificate().getPublicKey())).isInstanceOf(java.security.SignatureException.class);
        assertThat(Files.getPosixFilePermissions(dir.resolve(Pki.CA_KEY))).isEqualTo(OWNER_ONLY);
    }

    @Test
    void configIsTlsOnlyWithoutAnonymousClients(@TempDir Path dir) throws Exception {
        Pki pki = Pki.create("ca", CLOCK, random);
        BrokerConfig.Settings s = new BrokerConfig.Settings(8883, null, Path.of("/etc/mosquitto/vaktpost"),
                Path.of("/var/lib/mosquitto"), List.of());
        BrokerConfig.write(dir, s, pki.caCertificatePem(), pki.issueServer(List.of("localhost"), CLOCK),
                Map.of("hub", "$7$h", "panel.s.p", "$7$p"), "acl text");
        String conf = Files.readString(dir.resolve(BrokerConfig.CONF));
        assertThat(conf).contains("allow_anonymous false", "listener 8883\n", "use_username_as_clientid true",
                "password_file /etc/mosquitto/vaktpost/passwd", "acl_file /etc/mosquitto/vaktpost/acl",
                "certfile /etc/mosquitto/vaktpost/broker.crt", "max_packet_size 3072");
        assertThat(conf.lines().filter(l -> l.startsWith("listener"))).hasSize(1);
        assertThat(conf.lines().filter(l -> l.startsWith("persistent_client_expiration")))
                .as("panels' sessions stay out of Mosquitto's sorted expiry list").isEmpty();
        assertThat(Files.readString(dir.resolve("passwd"))).isEqualTo("hub:$7$h\npanel.s.p:$7$p\n");
        assertThat(Files.getPosixFilePermissions(dir.resolve("broker.key"))).isEqualTo(OWNER_ONLY);
        assertThat(Files.getPosixFilePermissions(dir.resolve("passwd"))).isEqualTo(OWNER_ONLY);
    }

    private static byte[] hex(String s) {
        byte[] b = new byte[s.length() / 2];
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) Integer.parseInt(s.substring(2 * i, 2 * i + 2), 16);
        }
        return b;
    }
}
