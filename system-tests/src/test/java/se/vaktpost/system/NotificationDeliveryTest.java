package se.vaktpost.system;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import se.vaktpost.agent.panel.Panel;
import se.vaktpost.hardware.Input;
import se.vaktpost.hub.accounts.Role;
import se.vaktpost.hub.notify.channels.WebhookSender;
import se.vaktpost.system.fixture.ApiClient;
import se.vaktpost.system.fixture.Await;
import se.vaktpost.system.fixture.HttpReceiver;
import se.vaktpost.system.fixture.HubProcess;
import se.vaktpost.system.fixture.PanelRig;
import se.vaktpost.system.fixture.PushService;
import se.vaktpost.system.fixture.SmtpReceiver;
import se.vaktpost.testkit.MosquittoBroker;

/**
 * Issue #11: a panel's silent alarm reaches every configured recipient exactly once per channel
 * (Web Push through an independent push service, e-mail over STARTTLS to a real SMTP server, SMS
 * through an HTTP gateway, webhooks in JSON and CAP), although every channel was down at first and the hub was SIGKILLed before anything could
 * be delivered. Escalation: nobody acknowledges, the next group hears; an acknowledged alarm goes
 * no further.
 */
class NotificationDeliveryTest {
    private static final String KEY = "0123456789abcdef0123456789abcdef";
    @TempDir
    Path dir;

    private String plan(SmtpReceiver smtp, HttpReceiver sms, HttpReceiver hooks, int escalateAfter) throws Exception {
        Files.writeString(dir.resolve("sms.secret"), "gateway-password\n");
        Files.writeString(dir.resolve("hook.secret"), KEY + "\n");
        return """
                  language: sv
                  publicUrl: https://vaktpost.example
                  groups:
                    vaktare: { roles: [SECURITY] }
                    ledning: { contacts: [{ label: Rektor, phone: "+46709999999" }] }
                    rektor-alfa: { site: alfa, contacts: [{ label: Rektor Alfa, email: rektor@alfa.example, phone: "+46708888888" }] }
                  routes:
                    - kinds: [ALARM]
                      to: [vaktare, rektor-alfa]
                      channels: [EMAIL, SMS, PUSH]
                  escalation:
                    - kinds: [ALARM, LOCKDOWN]
                      steps:
                        - { afterSeconds: %d, to: [ledning], channels: [SMS] }
                  webhooks:
                    - { id: larmcentral, url: "%s", secretFile: "%s", format: CAP, kinds: [ALARM] }
                    - { id: signage, url: "%s", secretFile: "%s", kinds: [ALARM] }
                  email: { host: localhost, port: %d, from: vaktpost@kommun.example, trustFile: "%s" }
                  sms: { url: "%s", username: vaktpost, passwordFile: "%s" }
                  push: { allowedHosts: ["127.0.0.1"] }
                """.formatted(escalateAfter, hooks.url("/cap"), dir.resolve("hook.secret"), hooks.url("/json"),
                dir.resolve("hook.secret"), smtp.port(), smtp.trustFile(), sms.url("/a1/sms"), dir.resolve("sms.secret"));
    }

    @Test
    void aSilentAlarmIsDeliveredExactlyOncePerRecipientAndChannelAcrossAHubKill() throws Exception {
        try (MosquittoBroker broker = MosquittoBroker.start();
             SmtpReceiver smtp = new SmtpReceiver(dir);
             HttpReceiver sms = new HttpReceiver(503);
             HttpReceiver hooks = new HttpReceiver(503);
             PushService push = new PushService();
             HttpReceiver pushGate = new HttpReceiver(503, push.origin())) {
            HubProcess hub = new HubProcess(dir, broker, 1);
            try (hub; PanelRig panels = new PanelRig(dir, broker)) {
                hub.withNotifications(plan(smtp, sms, hooks, 3600))
                        .withUser("vakt", Role.SECURITY, null).withContact("vakt", "vakt@kommun.example", "+46701111111")
                        .withUser("exp", Role.RECEPTION, "alfa").withContact("exp", "exp@alfa.example", "+46702222222")
                        .start();
                ApiClient vakt = hub.as("vakt");
                PushService.Subscription phone = push.subscribe(vakt.get("/api/push/key").body().get("applicationServerKey").asText());
                assertThat(vakt.post("/api/push/devices", phone.via(pushGate.url("")).json("Pixel")).status()).isEqualTo(200);
                Panel a1 = panels.add("alfa", "a1");
                Await.until(a1::connected, Duration.ofSeconds(20), "panel connected");

                PanelRig.tap(a1, Input.ALARM_BUTTON);
                // every channel is down: the SMS gateway, the push service and the webhooks answer 503, the mail
                // server is not listening
                Await.until(() -> hub.count("SELECT count(*) FROM deliveries WHERE status = 'FAILED'") == 5,
                        Duration.ofSeconds(20), "all five messages refused once");
                assertThat(sms.accepted()).isEmpty();
                // every channel failing holds back no lockdown: the panel's press locks the school at once
                PanelRig.holdLockdown(a1);
                Await.until(() -> "LOCKDOWN".equals(hub.get("/api/sites/alfa").get("mode").asText()) && PanelRig.lockedDown(a1),
                        Duration.ofSeconds(5), "the lockdown while every channel is down");
                hub.kill();

                smtp.start();
                sms.answer(201);
                hooks.answer(200);
                pushGate.answer(201);
                hub.start();

                // the silent alarm tells nobody at its own school: not the reception, not the school's principal
                Await.until(() -> smtp.inbox().size() == 1 && sms.accepted().size() == 1 && hooks.accepted().size() == 2
                        && push.messages(phone).size() == 1, Duration.ofSeconds(60), "each delivered once");
                PanelRig.sleep(3_000); // long enough for another retry pass: nothing more may come
                assertThat(smtp.inbox()).hasSize(1);
                assertThat(sms.accepted()).hasSize(1);
                assertThat(hooks.accepted()).hasSize(2);
                assertThat(push.messages(phone)).hasSize(1);
                assertThat(push.messages(phone).get(0).get("title").asText()).isEqualTo("Överfallslarm: Alfaskolan");

                SmtpReceiver.Mail mail = smtp.inbox().get(0);
                assertThat(mail.to()).isEqualTo("vakt@kommun.example");
                assertThat(mail.tls()).isTrue();
                assertThat(mail.subject()).isEqualTo("Överfallslarm: Alfaskolan");
                assertThat(sms.accepted().get(0).body()).contains("to=%2B46701111111", "from=Vaktpost")
                        .contains("message=%C3%96verfallslarm");
                assertThat(sms.accepted().get(0).header("Authorization")).isEqualTo("Basic "
                        + java.util.Base64.getEncoder().encodeToString("vaktpost:gateway-password".getBytes(StandardCharsets.UTF_8)));
                for (HttpReceiver.Request r : hooks.requests()) {
                    assertThat(r.header("X-Vaktpost-Signature")).isEqualTo("sha256=" + WebhookSender.sign(
                            KEY.getBytes(StandardCharsets.UTF_8), r.header("X-Vaktpost-Timestamp"),
                            r.body().getBytes(StandardCharsets.UTF_8)));
                }
                HttpReceiver.Request cap = hooks.accepted().stream().filter(r -> r.path().equals("/cap")).findFirst().orElseThrow();
                assertThat(cap.body()).contains("urn:oasis:names:tc:emergency:cap:1.2", "<status>Actual</status>",
                        "<areaDesc>Alfaskolan</areaDesc>");
                // a retry carries the same idempotency key as the refused first attempt
                assertThat(hooks.requests().stream().filter(r -> r.path().equals("/cap")).map(r -> r.header("Idempotency-Key"))
                        .distinct()).hasSize(1);

                ApiClient admin = hub.as(HubProcess.ADMIN);
                String incident = null;
                for (JsonNode i : admin.get("/api/incidents").body()) {
                    incident = "ALARM".equals(i.get("kind").asText()) ? i.get("id").asText() : incident;
                }
                JsonNode shown = admin.get("/api/incidents/" + incident + "/notifications").body();
                assertThat(shown).hasSize(5);
                shown.forEach(d -> assertThat(d.get("status").asText()).isEqualTo("SENT"));
                assertThat(hub.text("SELECT group_concat(detail, '; ') FROM audit_log WHERE action = 'notification.sent'"))
                        .as("deliveries audited per incident and pass").contains("EMAIL=1", "PUSH=1", "SMS=1", "WEBHOOK");
                assertThat(hub.count("SELECT count(*) FROM audit_log WHERE action = 'notification.failed'")).isEqualTo(5);
            }
        }
    }

    @Test
    void nobodyAcknowledgesSoTheNextGroupIsToldAndAnAcknowledgedAlarmGoesNoFurther() throws Exception {
        try (MosquittoBroker broker = MosquittoBroker.start();
             SmtpReceiver smtp = new SmtpReceiver(dir).start();
             HttpReceiver sms = new HttpReceiver(201);
             HttpReceiver hooks = new HttpReceiver(200);
             HubProcess hub = new HubProcess(dir, broker, 1)) {
            hub.withNotifications(plan(smtp, sms, hooks, 4)).start();
            ApiClient admin = hub.as(HubProcess.ADMIN);
            String ignored = admin.post("/api/sites/alfa/lockdown", "{}").body().get("incident").asText();
            String handled = admin.post("/api/sites/beta/lockdown", "{}").body().get("incident").asText();
            assertThat(admin.post("/api/incidents/" + handled + "/acknowledge", "{}").status()).isEqualTo(200);

            Await.until(() -> toPrincipal(sms).size() == 1, Duration.ofSeconds(15), "the next group told");
            assertThat(toPrincipal(sms).get(0).body()).contains("Alfaskolan").contains("Ingen+har+kvitterat");
            PanelRig.sleep(3_000);
            assertThat(toPrincipal(sms)).hasSize(1);
            assertThat(hub.count("SELECT count(*) FROM escalation_steps")).isEqualTo(1);
            assertThat(ignored).isNotEqualTo(handled);
        }
    }

    private static List<HttpReceiver.Request> toPrincipal(HttpReceiver sms) {
        return sms.accepted().stream().filter(r -> r.body().contains("to=%2B46709999999")).toList();
    }
}
