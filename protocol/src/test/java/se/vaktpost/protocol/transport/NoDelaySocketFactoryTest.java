package se.vaktpost.protocol.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketOption;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import jdk.net.ExtendedSocketOptions;
import org.junit.jupiter.api.Test;

class NoDelaySocketFactoryTest {
    @Test
    void aSocketHasNagleOffAndOneBufferedStreamSoNoReadAheadIsLost() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
             Socket client = new NoDelaySocketFactory().createSocket()) {
            client.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), server.getLocalPort()), 2000);
            try (Socket peer = server.accept()) {
                OutputStream out = peer.getOutputStream();
                out.write("abcdef".getBytes(StandardCharsets.US_ASCII));
                out.flush();

                assertThat(client.getTcpNoDelay()).isTrue();
                InputStream first = client.getInputStream();
                // Paho reads headers a byte at a time: each would be a system call on the bare stream
                assertThat(first).isInstanceOf(java.io.BufferedInputStream.class);
                assertThat(first.read()).isEqualTo('a'); // the buffer may now hold the rest
                InputStream again = client.getInputStream();
                assertThat(again).isSameAs(first);
                assertThat(new String(again.readNBytes(5), StandardCharsets.US_ASCII)).isEqualTo("bcdef");
            }
        }
    }

    @Test
    void everyReadThatTookDataAsksForAnImmediateAckAndTheEndOfTheStreamDoesNot() throws Exception {
        RecordingSocket socket = new RecordingSocket(true);
        InputStream in = new NoDelaySocketFactory.QuickAck(new ByteArrayInputStream("abc".getBytes(StandardCharsets.US_ASCII)), socket);

        assertThat(in.read()).isEqualTo('a');
        assertThat(in.read(new byte[8], 0, 8)).isEqualTo(2);
        assertThat(in.read()).isEqualTo(-1);
        assertThat(in.read(new byte[8], 0, 8)).isEqualTo(-1);

        assertThat(socket.set).containsExactly(ExtendedSocketOptions.TCP_QUICKACK, ExtendedSocketOptions.TCP_QUICKACK);
    }

    @Test
    void withoutTheOptionOrOnceSettingItFailsTheReadsGoOnAndNothingMoreIsAsked() throws Exception {
        RecordingSocket missing = new RecordingSocket(false);
        InputStream plain = new NoDelaySocketFactory.QuickAck(new ByteArrayInputStream(new byte[] {1, 2}), missing);
        assertThat(plain.readNBytes(2)).containsExactly(1, 2);
        assertThat(missing.set).isEmpty();

        RecordingSocket failing = new RecordingSocket(true);
        failing.fail = true;
        InputStream in = new NoDelaySocketFactory.QuickAck(new ByteArrayInputStream(new byte[] {1, 2}), failing);
        assertThat(in.read()).isEqualTo(1);
        assertThat(in.read()).isEqualTo(2);
        assertThat(failing.set).hasSize(1);
    }

    @Test
    void onLinuxARealSocketOffersTheOptionSoTheAcksDoGoAtOnce() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
             Socket client = new NoDelaySocketFactory().createSocket()) {
            org.junit.jupiter.api.Assumptions.assumeTrue(System.getProperty("os.name").startsWith("Linux"), "TCP_QUICKACK is Linux's");
            client.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), server.getLocalPort()), 2000);
            try (Socket peer = server.accept()) {
                peer.getOutputStream().write(7);
                assertThat(client.getInputStream().read()).isEqualTo(7);
                assertThat(client.supportedOptions()).contains(ExtendedSocketOptions.TCP_QUICKACK);
                assertThat(client.getOption(ExtendedSocketOptions.TCP_QUICKACK)).isTrue();
            }
        }
    }

    @Test
    void aFactoryForAStreamingLinkBuffersWithoutAskingForQuickAcks() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
             Socket quick = new NoDelaySocketFactory().createSocket(InetAddress.getLoopbackAddress(), server.getLocalPort());
             Socket streaming = new NoDelaySocketFactory(false).createSocket(InetAddress.getLoopbackAddress(), server.getLocalPort())) {
            assertThat(quick.getTcpNoDelay()).isTrue();
            assertThat(streaming.getTcpNoDelay()).isTrue();
            assertThat(((NoDelaySocketFactory.BufferedSocket) quick).quickAck()).isTrue();
            assertThat(((NoDelaySocketFactory.BufferedSocket) streaming).quickAck()).isFalse();
            assertThat(streaming.getInputStream()).isInstanceOf(java.io.BufferedInputStream.class);
        }
    }

    @Test
    void theHubsPresenceLinkAloneGetsSocketsWithoutQuickAcks() throws Exception {
        BrokerConnection broker = BrokerConnection.anonymous("tcp://127.0.0.1:1883");
        org.eclipse.paho.mqttv5.client.MqttConnectionOptions presence = new org.eclipse.paho.mqttv5.client.MqttConnectionOptions();
        org.eclipse.paho.mqttv5.client.MqttConnectionOptions alarms = new org.eclipse.paho.mqttv5.client.MqttConnectionOptions();
        org.eclipse.paho.mqttv5.client.MqttConnectionOptions states = new org.eclipse.paho.mqttv5.client.MqttConnectionOptions();
        broker.apply(presence, true);
        broker.apply(alarms, false);
        broker.apply(states, BrokerConnection.Link.STATES);

        try (Socket p = presence.getSocketFactory().createSocket(); Socket a = alarms.getSocketFactory().createSocket();
             Socket s = states.getSocketFactory().createSocket()) {
            assertThat(((NoDelaySocketFactory.BufferedSocket) p).quickAck()).isFalse();
            assertThat(((NoDelaySocketFactory.BufferedSocket) a).quickAck()).isTrue();
            assertThat(((NoDelaySocketFactory.BufferedSocket) s).quickAck()).as("the state link reads only PUBACKs").isTrue();
        }
    }

    /** Records the options set on it; can say it lacks TCP_QUICKACK, or fail to set it. */
    private static final class RecordingSocket extends Socket {
        final List<SocketOption<?>> set = new ArrayList<>();
        final boolean hasQuickAck;
        boolean fail;

        RecordingSocket(boolean hasQuickAck) {
            this.hasQuickAck = hasQuickAck;
        }

        @Override
        public Set<SocketOption<?>> supportedOptions() {
            return hasQuickAck ? Set.of(ExtendedSocketOptions.TCP_QUICKACK) : Set.of();
        }

        @Override
        public <T> Socket setOption(SocketOption<T> name, T value) throws IOException {
            set.add(name);
            if (fail) {
                throw new IOException("socket closed");
            }
            return this;
        }
    }
}
