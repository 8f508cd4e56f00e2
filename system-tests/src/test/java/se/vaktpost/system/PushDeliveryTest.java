package se.vaktpost.system;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import se.vaktpost.hub.accounts.Role;
import se.vaktpost.system.fixture.ApiClient;
import se.vaktpost.system.fixture.Await;
import se.vaktpost.system.fixture.HubProcess;
import se.vaktpost.system.fixture.PanelRig;
import se.vaktpost.system.fixture.PushService;
import se.vaktpost.testkit.MosquittoBroker;

/**
 * Issue #11: Web Push to a guard's phone, checked by an independent push service
 * (web-push-testing) that verifies the hub's VAPID signature and decrypts the payload. A device
 * bound to another server's key is refused by the service; a device that unsubscribed is
 * marked gone; both failures are shown on the incident.
 */
class PushDeliveryTest {
    @TempDir
    Path dir;

    @Test
    void aLockdownAndADrillReachTheGuardsPhoneSignedByTheHubAndEncryptedForThePhone() throws Exception {
        try (MosquittoBroker broker = MosquittoBroker.start();
             PushService push = new PushService();
             HubProcess hub = new HubProcess(dir, broker, 1)) {
            hub.withNotifications("""
                      routes:
                        - kinds: [LOCKDOWN, DRILL_START, ALL_CLEAR]
                          to: ["user:vakt"]
                          channels: [PUSH]
                      push: { allowedHosts: ["127.0.0.1"] }
                    """).withUser("vakt", Role.SECURITY, null).start();
            ApiClient vakt = hub.as("vakt");
            String key = vakt.get("/api/push/key").body().get("applicationServerKey").asText();
            assertThat(key).hasSize(87).startsWith("B");
            PushService.Subscription phone = push.subscribe(key);
            PushService.Subscription stranger = push.subscribe(otherKey()); // bound to another server's key
            assertThat(vakt.post("/api/push/devices", phone.json("Pixel 8")).status()).isEqualTo(200);
            assertThat(vakt.post("/api/push/devices", stranger.json("Old laptop")).status()).isEqualTo(200);
            assertThat(vakt.post("/api/push/devices", "{\"endpoint\":\"https://x.example/p\",\"keys\":{}}").status())
                    .isEqualTo(400);
            ApiClient.Reply inside = vakt.post("/api/push/devices", phone.via("https://intranet.kommun.local").json("SSRF"));
            assertThat(inside.status()).as("no device may make the hub post inside the network").isEqualTo(400);
            assertThat(inside.body().get("error").asText()).contains("allowedHosts");

            ApiClient admin = hub.as(HubProcess.ADMIN);
            String lockdown = admin.post("/api/sites/alfa/lockdown", "{}").body().get("incident").asText();
            Await.until(() -> push.messages(phone).size() == 1, Duration.ofSeconds(15), "the lockdown on the phone");
            JsonNode m = push.messages(phone).get(0);
            assertThat(m.get("title").asText()).isEqualTo("Inrymning: Alfaskolan");
            assertThat(m.get("body").asText()).startsWith("Inrymning, Alfaskolan");
            assertThat(m.get("incident").asText()).isEqualTo(lockdown);
            assertThat(m.get("drill").asBoolean()).isFalse();
            Await.until(() -> statuses(admin, lockdown).contains("GAVE_UP"), Duration.ofSeconds(15),
                    "the device bound to another key refused by the push service");

            admin.post("/api/sites/beta/lockdown", "{\"drill\":true}");
            Await.until(() -> push.messages(phone).size() == 2, Duration.ofSeconds(15), "the drill on the phone");
            assertThat(push.messages(phone).get(1).get("title").asText()).startsWith("ÖVNING – ");

            push.expire(phone);
            admin.post("/api/sites/alfa/all-clear", "{}");
            // three given up: the stranger's lockdown and all-clear, and the all-clear to the phone that
            // unsubscribed (counting the letter G also counted PENDING and SENDING, and raced the answer)
            Await.until(() -> statuses(admin, lockdown).split("GAVE_UP", -1).length - 1 == 3,
                    Duration.ofSeconds(15), "the all-clear to the unsubscribed phone given up");
            assertThat(push.messages(phone)).hasSize(2);
            JsonNode devices = vakt.get("/api/push/devices").body();
            assertThat(devices).hasSize(2);
            devices.forEach(d -> assertThat(d.get("expiredAt").isNull()).as(d.toString()).isEqualTo(d.get("label").asText().equals("Old laptop")));
            assertThat(hub.count("SELECT count(*) FROM audit_log WHERE action = 'PUSH_DEVICE_ADDED'")).isEqualTo(2);
        }
    }

    @Test
    void aSchoolsStaffJoinWithTheSchoolsInvitationAndTheSchoolCanRevokeItAndRemoveTheirPhones() throws Exception {
        try (MosquittoBroker broker = MosquittoBroker.start();
             PushService push = new PushService();
             HubProcess hub = new HubProcess(dir, broker, 1)) {
            hub.withNotifications("  push: { allowedHosts: [\"127.0.0.1\"] }\n")
                    .withUser("exp-alfa", Role.RECEPTION, "alfa").withUser("exp-beta", Role.RECEPTION, "beta").start();
            ApiClient reception = hub.as("exp-alfa");
            JsonNode made = reception.post("/api/sites/alfa/staff/invitation", "{}").body();
            String link = made.get("link").asText();
            assertThat(link).contains("/staff.html#");
            assertThat(made.get("qrSvg").asText()).startsWith("<svg");
            assertThat(hub.as("exp-beta").post("/api/sites/alfa/staff/invitation", "{}").status()).isEqualTo(404);
            String invitation = "{\"invitation\":\"" + link.substring(link.indexOf('#') + 1) + "\"}";

            ApiClient staffPhone = hub.anonymous();
            staffPhone.get("/api/session"); // the CSRF cookie, as the staff page fetches it
            JsonNode inv = staffPhone.post("/api/staff/invitation", invitation).body();
            assertThat(inv.get("siteName").asText()).isEqualTo("Alfaskolan");
            PushService.Subscription phone = push.subscribe(inv.get("applicationServerKey").asText());
            String joined = phone.json("Lärarens telefon").replaceFirst("\\{", invitation.substring(0, invitation.length() - 1) + ",");
            assertThat(staffPhone.post("/api/staff/devices", joined).status()).isEqualTo(200);

            ApiClient admin = hub.as(HubProcess.ADMIN);
            admin.post("/api/sites/alfa/lockdown", "{}");
            Await.until(() -> push.messages(phone).size() == 1, Duration.ofSeconds(15), "the staff phone told of the lockdown");
            assertThat(push.messages(phone).get(0).get("title").asText()).isEqualTo("Inrymning: Alfaskolan");
            admin.post("/api/sites/beta/lockdown", "{}");
            admin.post("/api/sites/alfa/all-clear", "{}");
            Await.until(() -> push.messages(phone).size() == 2, Duration.ofSeconds(15), "and of the all-clear");
            assertThat(push.messages(phone).get(1).get("title").asText()).startsWith("Faran över");

            reception.post("/api/sites/alfa/staff/invitation", "{}"); // a new link: the old one stops working
            assertThat(staffPhone.post("/api/staff/invitation", invitation).status()).isEqualTo(404);
            JsonNode devices = reception.get("/api/sites/alfa/staff").body().get("devices");
            assertThat(devices).hasSize(1);
            assertThat(reception.delete("/api/sites/alfa/staff/devices/" + devices.get(0).get("id").asText()).status()).isEqualTo(200);
            admin.post("/api/sites/alfa/lockdown", "{}");
            PanelRig.sleep(2_000); // time for a delivery that must not come
            assertThat(push.messages(phone)).hasSize(2);
            assertThat(hub.count("SELECT count(*) FROM audit_log WHERE action LIKE 'STAFF_%'")).isEqualTo(4);
        }
    }

    /** Statuses of the incident's notifications, e.g. "SENT,GAVE_UP". */
    private static String statuses(ApiClient admin, String incident) {
        StringBuilder b = new StringBuilder();
        admin.get("/api/incidents/" + incident + "/notifications").body().forEach(d -> b.append(d.get("status").asText()).append(','));
        return b.toString();
    }

    /** Some other server's VAPID public key (an uncompressed P-256 point). */
    private static String otherKey() throws Exception {
        java.security.KeyPairGenerator g = java.security.KeyPairGenerator.getInstance("EC");
        g.initialize(new java.security.spec.ECGenParameterSpec("secp256r1"));
        return se.vaktpost.hub.notify.PushKeys.uncompressedPoint(
                (java.security.interfaces.ECPublicKey) g.generateKeyPair().getPublic());
    }
}
