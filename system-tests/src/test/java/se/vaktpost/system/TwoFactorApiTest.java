package se.vaktpost.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import se.vaktpost.hub.accounts.Role;
import se.vaktpost.system.fixture.ApiClient;
import se.vaktpost.system.fixture.ApiClient.Reply;
import se.vaktpost.system.fixture.Authenticator;
import se.vaktpost.system.fixture.HubProcess;
import se.vaktpost.testkit.MosquittoBroker;

/** Issue #10, part 3: security and admin sign in with a second factor, by default. */
class TwoFactorApiTest {
    @TempDir
    Path dir;

    private static String code(String json) {
        return "{\"code\":\"" + json + "\"}";
    }

    @Test
    void aSecurityUserIsLedToEnrolAndReachesNothingWithThePasswordAlone() {
        try (MosquittoBroker broker = MosquittoBroker.start();
             HubProcess hub = new HubProcess(dir, broker, 1).withDefaultSignInPolicy()
                     .withUser("vakt", Role.SECURITY, null).withUser("recep", Role.RECEPTION, "alfa").start()) {
            ApiClient vakt = hub.anonymous();
            Reply password = vakt.passwordStep("vakt", HubProcess.PASSWORD);
            assertThat(password.status()).isEqualTo(200);
            assertThat(password.body().get("secondFactor").asText()).isEqualTo("enrol");
            assertThat(password.body().get("user").isNull()).isTrue();
            for (String path : new String[] {"/api/sites", "/api/live", "/api/incidents"}) {
                Reply r = vakt.get(path);
                assertThat(r.status()).as(path).isEqualTo(401);
                assertThat(r.body().get("error").asText()).contains("second factor");
            }
            assertThat(vakt.post("/api/sites/alfa/all-clear", "{}").status()).isEqualTo(401);
            assertThat(vakt.get("/api/session").body().get("pending").get("secondFactor").asText()).isEqualTo("enrol");
            assertThat(vakt.post("/api/login/second-factor", code("123456")).status()).as("nothing to verify yet")
                    .isEqualTo(401);

            Reply enrolment = vakt.get("/api/second-factor/enrolment");
            String secret = enrolment.body().get("secret").asText();
            assertThat(enrolment.body().get("keyUri").asText()).startsWith("otpauth://totp/Vaktpost:vakt?secret=" + secret);
            ApiClient.Download qr = vakt.download("/api/second-factor/enrolment/qr.svg");
            assertThat(qr.contentType()).startsWith("image/svg+xml");
            assertThat(qr.text()).startsWith("<svg").contains("<path d=\"M");
            assertThat(vakt.post("/api/second-factor/enrolment", code("000000")).status()).isEqualTo(400);
            Authenticator app = new Authenticator(secret);
            Reply enrolled = vakt.post("/api/second-factor/enrolment", code(app.next()));
            assertThat(enrolled.status()).as(enrolled.toString()).isEqualTo(200);
            assertThat(enrolled.body().get("recoveryCodes")).hasSize(10);
            vakt.get("/api/session");
            assertThat(vakt.get("/api/sites").status()).isEqualTo(200);
            assertThat(vakt.get("/api/second-factor/enrolment").status()).as("enrolled once").isEqualTo(409);
            assertThat(hub.count("SELECT count(*) FROM audit_log WHERE actor='vakt' AND action='SECOND_FACTOR_ENROL'"))
                    .isEqualTo(1);
            assertThat(hub.count("SELECT count(*) FROM second_factors WHERE secret = '" + secret + "'")).isEqualTo(1);

            ApiClient recep = hub.anonymous();
            Reply reception = recep.passwordStep("recep", HubProcess.PASSWORD);
            assertThat(reception.body().get("user").get("username").asText()).as("reception: password only")
                    .isEqualTo("recep");
            // a session ended by a password change cannot come back by enrolling a factor of its own
            ApiClient admin = hub.anonymous();
            admin.enrol(HubProcess.ADMIN, HubProcess.PASSWORD, new ArrayList<>());
            assertThat(admin.post("/api/users/recep/password", "{\"password\":\"another-password-456\"}").status())
                    .isEqualTo(200);
            assertThat(recep.get("/api/second-factor/enrolment").status()).isEqualTo(401);
            assertThat(recep.post("/api/second-factor/enrolment", code("123456")).status()).isEqualTo(401);
            assertThat(hub.count("SELECT count(*) FROM second_factors WHERE username='recep'")).isZero();
        }
    }

    @Test
    void aCodeIsTakenOnceARecoveryCodeOnceAndGuessingIsStopped() {
        try (MosquittoBroker broker = MosquittoBroker.start();
             HubProcess hub = new HubProcess(dir, broker, 1).withDefaultSignInPolicy()
                     .withUser("vakt", Role.SECURITY, null).start()) {
            List<String> recovery = new ArrayList<>();
            Authenticator app = hub.anonymous().enrol("vakt", HubProcess.PASSWORD, recovery);

            String code = app.next();
            ApiClient first = hub.anonymous();
            assertThat(first.passwordStep("vakt", HubProcess.PASSWORD).body().get("secondFactor").asText()).isEqualTo("verify");
            assertThat(first.post("/api/login/second-factor", code(code)).status()).isEqualTo(200);
            first.get("/api/session");
            assertThat(first.get("/api/sites").status()).isEqualTo(200);
            ApiClient replay = hub.anonymous();
            replay.passwordStep("vakt", HubProcess.PASSWORD);
            Reply replayed = replay.post("/api/login/second-factor", code(code));
            assertThat(replayed.status()).as("the same code twice").isEqualTo(401);
            assertThat(replay.get("/api/sites").status()).isEqualTo(401);

            Reply withRecovery = replay.post("/api/login/second-factor", code(recovery.get(0)));
            assertThat(withRecovery.status()).isEqualTo(200);
            assertThat(withRecovery.body().get("recoveryCodesLeft").asInt()).isEqualTo(9);
            ApiClient again = hub.anonymous();
            again.passwordStep("vakt", HubProcess.PASSWORD);
            assertThat(again.post("/api/login/second-factor", code(recovery.get(0))).status()).as("used").isEqualTo(401);
            assertThat(hub.count("SELECT count(*) FROM audit_log WHERE actor='vakt' AND action='LOGIN' "
                    + "AND detail LIKE '%recovery code (9 left)%'")).isEqualTo(1);

            ApiClient guesser = hub.anonymous();
            guesser.passwordStep("vakt", HubProcess.PASSWORD);
            int refused = 0;
            for (int i = 0; i < 8; i++) {
                int status = guesser.post("/api/login/second-factor", code(String.format("%06d", i))).status();
                refused += status == 429 ? 1 : 0;
                assertThat(status).isIn(401, 429);
            }
            assertThat(refused).as("wrong codes count like wrong passwords").isGreaterThan(0);
            assertThat(hub.count("SELECT count(*) FROM audit_log WHERE actor='vakt' AND action='LOGIN_FAILED' "
                    + "AND detail = 'wrong second-factor code'")).isGreaterThanOrEqualTo(4);
        }
    }

    @Test
    void anAdminResetIsAuditedEndsThePersonsSessionsAndTheyEnrolAgain() {
        try (MosquittoBroker broker = MosquittoBroker.start();
             HubProcess hub = new HubProcess(dir, broker, 1).withDefaultSignInPolicy()
                     .withUser("vakt", Role.SECURITY, null).start()) {
            ApiClient admin = hub.anonymous();
            Authenticator adminApp = admin.enrol(HubProcess.ADMIN, HubProcess.PASSWORD, new ArrayList<>());
            ApiClient vakt = hub.anonymous();
            vakt.enrol("vakt", HubProcess.PASSWORD, new ArrayList<>());
            assertThat(vakt.get("/api/sites").status()).isEqualTo(200);

            assertThat(admin.post("/api/users/vakt/second-factor/reset", "{}").status()).isEqualTo(200);
            assertThat(admin.post("/api/users/vakt/second-factor/reset", "{}").status()).as("nothing left").isEqualTo(404);
            assertThat(vakt.get("/api/sites").status()).as("the session of the old factor ends").isEqualTo(401);
            assertThat(hub.count("SELECT count(*) FROM audit_log WHERE actor='admin' AND action='SECOND_FACTOR_RESET' "
                    + "AND target='vakt'")).isEqualTo(1);
            assertThat(hub.anonymous().passwordStep("vakt", HubProcess.PASSWORD).body().get("secondFactor").asText())
                    .isEqualTo("enrol");
            assertThat(hub.anonymous().login(HubProcess.ADMIN, HubProcess.PASSWORD, adminApp).get("/api/users").status())
                    .isEqualTo(200);
        }
    }

    @Test
    void aSessionBegunWithoutASecondFactorEndsWhenItsRoleComesToNeedOne() {
        try (MosquittoBroker broker = MosquittoBroker.start();
             HubProcess hub = new HubProcess(dir, broker, 1).withUser("vakt", Role.SECURITY, null).start()) {
            ApiClient vakt = hub.as("vakt");
            assertThat(vakt.get("/api/sites").status()).isEqualTo(200);
            hub.kill();
            hub.withDefaultSignInPolicy().start();
            Reply after = vakt.get("/api/sites");
            assertThat(after.status()).isEqualTo(401);
            assertThat(after.body().get("error").asText()).contains("second factor");
        }
    }
}
