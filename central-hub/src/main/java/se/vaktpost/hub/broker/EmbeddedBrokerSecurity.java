package se.vaktpost.hub.broker;

import com.hivemq.embedded.EmbeddedExtension;
import com.hivemq.extension.sdk.api.ExtensionMain;
import com.hivemq.extension.sdk.api.auth.SimpleAuthenticator;
import com.hivemq.extension.sdk.api.auth.parameter.SimpleAuthInput;
import com.hivemq.extension.sdk.api.auth.parameter.SimpleAuthOutput;
import com.hivemq.extension.sdk.api.auth.parameter.TopicPermission;
import com.hivemq.extension.sdk.api.auth.parameter.TopicPermission.MqttActivity;
import com.hivemq.extension.sdk.api.interceptor.connect.ConnectInboundInterceptor;
import com.hivemq.extension.sdk.api.packets.auth.DefaultAuthorizationBehaviour;
import com.hivemq.extension.sdk.api.packets.auth.ModifiableDefaultPermissions;
import com.hivemq.extension.sdk.api.packets.connect.ConnackReasonCode;
import com.hivemq.extension.sdk.api.packets.connect.ConnectPacket;
import com.hivemq.extension.sdk.api.parameter.ExtensionStartInput;
import com.hivemq.extension.sdk.api.parameter.ExtensionStartOutput;
import com.hivemq.extension.sdk.api.parameter.ExtensionStopInput;
import com.hivemq.extension.sdk.api.parameter.ExtensionStopOutput;
import com.hivemq.extension.sdk.api.services.Services;
import com.hivemq.extension.sdk.api.services.builder.Builders;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import se.vaktpost.mqttsecurity.BrokerAcl;
import se.vaktpost.mqttsecurity.MosquittoPasswords;

/**
 * The rules of the Mosquitto configuration that {@code broker-config} writes, inside the embedded
 * HiveMQ: a known user name with its password (the same hashes), client id = user name, and the
 * same ACL, everything else denied. Identities are looked up at each connect, so a panel
 * provisioned or revoked while the hub runs is let in or kept out from its next connect.
 */
public final class EmbeddedBrokerSecurity implements ExtensionMain {
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedBrokerSecurity.class);
    /** User name to the live password hash; empty when unknown, revoked or not in the registry. */
    private final Function<String, Optional<String>> passwordHash;
    private volatile boolean started;

    public EmbeddedBrokerSecurity(Function<String, Optional<String>> passwordHash) {
        this.passwordHash = passwordHash;
    }

    public EmbeddedExtension extension() {
        return EmbeddedExtension.builder().withId("vaktpost-security").withName("Vaktpost broker security")
                .withVersion("1").withAuthor("vaktpost").withPriority(1000).withStartPriority(1000)
                .withExtensionMain(this).build();
    }

    /** HiveMQ embedded lets everyone in until an authenticator is registered: the broker checks this after start. */
    public boolean started() {
        return started;
    }

    @Override
    public void extensionStart(ExtensionStartInput in, ExtensionStartOutput out) {
        // use_username_as_clientid: runs before the authenticator sees the CONNECT
        ConnectInboundInterceptor bindId = (input, output) -> output.getConnectPacket().getUserName()
                .filter(u -> !u.isEmpty()).ifPresent(u -> output.getConnectPacket().setClientId(u));
        Services.interceptorRegistry().setConnectInboundInterceptorProvider(providerInput -> bindId);
        SimpleAuthenticator authenticator = this::onConnect;
        Services.securityRegistry().setAuthenticatorProvider(providerInput -> authenticator);
        started = true;
    }

    @Override
    public void extensionStop(ExtensionStopInput in, ExtensionStopOutput out) {
        started = false;
    }

    private void onConnect(SimpleAuthInput input, SimpleAuthOutput output) {
        try {
            ConnectPacket connect = input.getConnectPacket();
            String user = connect.getUserName().orElse(null);
            Optional<List<BrokerAcl.Rule>> rules = user == null ? Optional.empty() : BrokerAcl.rules(user);
            Optional<String> hash = rules.isEmpty() ? Optional.empty() : passwordHash.apply(user);
            if (hash.isEmpty() || connect.getPassword().isEmpty() || !matches(connect.getPassword().get(), hash.get())) {
                output.failAuthentication(ConnackReasonCode.BAD_USER_NAME_OR_PASSWORD, "bad user name or password");
                return;
            }
            if (!user.equals(connect.getClientId())) {
                output.failAuthentication(ConnackReasonCode.CLIENT_IDENTIFIER_NOT_VALID, "client id must be the user name");
                return;
            }
            ModifiableDefaultPermissions permissions = output.getDefaultPermissions();
            permissions.setDefaultBehaviour(DefaultAuthorizationBehaviour.DENY);
            for (BrokerAcl.Rule r : rules.get()) {
                permissions.add(allow(r.filter(), switch (r.access()) {
                    case READ -> MqttActivity.SUBSCRIBE;
                    case WRITE -> MqttActivity.PUBLISH;
                    case READWRITE -> MqttActivity.ALL;
                }));
            }
            output.authenticateSuccessfully(); // never nextExtensionOrDefault(): embedded HiveMQ would allow all
        } catch (RuntimeException e) {
            LOG.warn("embedded broker: refusing a connect after an error: {}", e.getMessage());
            output.failAuthentication(ConnackReasonCode.NOT_AUTHORIZED, "authentication error");
        }
    }

    private static TopicPermission allow(String filter, MqttActivity activity) {
        return Builders.topicPermission().topicFilter(filter).type(TopicPermission.PermissionType.ALLOW)
                .activity(activity).qos(TopicPermission.Qos.ALL).retain(TopicPermission.Retain.ALL)
                .sharedSubscription(TopicPermission.SharedSubscription.NOT_SHARED).build();
    }

    private static boolean matches(ByteBuffer password, String hash) {
        CharBuffer chars = StandardCharsets.UTF_8.decode(password.duplicate());
        char[] pw = new char[chars.remaining()];
        chars.get(pw);
        try {
            return MosquittoPasswords.matches(pw, hash);
        } finally {
            Arrays.fill(pw, '\0');
        }
    }
}
