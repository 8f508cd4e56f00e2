package se.vaktpost.protocol.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
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
}
