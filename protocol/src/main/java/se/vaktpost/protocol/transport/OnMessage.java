package se.vaktpost.protocol.transport;

import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;

/**
 * A callback that only handles arriving messages, for tools and tests that need nothing else.
 * Paho 1.2.5's synchronous {@code subscribe(topic, qos, listener)} recurses forever, so listeners
 * go through here.
 */
@FunctionalInterface
public interface OnMessage extends MqttCallback {
    void arrived(String topic, MqttMessage message) throws Exception;

    @Override
    default void messageArrived(String topic, MqttMessage message) throws Exception {
        arrived(topic, message);
    }

    @Override
    default void disconnected(MqttDisconnectResponse response) {
    }

    @Override
    default void mqttErrorOccurred(MqttException exception) {
    }

    @Override
    default void deliveryComplete(IMqttToken token) {
    }

    @Override
    default void connectComplete(boolean reconnect, String serverURI) {
    }

    @Override
    default void authPacketArrived(int reasonCode, MqttProperties properties) {
    }
}
