package se.vaktpost.protocol.transport;

import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import javax.net.SocketFactory;
import jdk.net.ExtendedSocketOptions;

/**
 * Plain TCP sockets with Nagle's algorithm off, read through a buffer. An alarm is one small
 * packet; with Nagle on it can wait for the broker's delayed ACK (about 40 ms on Linux) before it
 * leaves the panel. Measured in the bench: lockdown fan-out p50 fell from about 48 ms to a few ms.
 * Paho reads each packet's header a byte at a time from the socket's stream, which without a
 * buffer is a system call per byte: three or more for every status of a storm of 10,000.
 *
 * <p>Each read also asks the kernel for an immediate ACK ({@code TCP_QUICKACK}, Linux). A broker with
 * Nagle on (Mosquitto's default) holds its next small packet, a PUBACK say, until the last one is
 * ACKed; a link that receives little (the hub's state link: only PUBACKs and events) delays that
 * ACK up to 40 ms and more, unless it has data to send. With its publish window full it has none,
 * so each PUBACK waited for the delayed-ACK timer: the hub's states in a burst of 200 lockdowns saw
 * the broker's answer at p99 190 ms. Linux clears quick-ACK mode by itself, hence once per read.
 */
public final class NoDelaySocketFactory extends SocketFactory {
    private final boolean quickAck;

    /** Sockets that ACK every read at once: for a link that receives little. */
    public NoDelaySocketFactory() {
        this(true);
    }

    /**
     * {@code quickAck} false for a link that receives a steady stream (the hub's presence link: its
     * own traffic carries its ACKs, and an ACK per read would only add work during a storm).
     */
    public NoDelaySocketFactory(boolean quickAck) {
        this.quickAck = quickAck;
    }

    @Override
    public Socket createSocket() throws IOException {
        return noDelay(new BufferedSocket(quickAck));
    }

    @Override
    public Socket createSocket(String host, int port) throws IOException {
        return connected(new InetSocketAddress(host, port), null, 0);
    }

    @Override
    public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
        return connected(new InetSocketAddress(host, port), localHost, localPort);
    }

    @Override
    public Socket createSocket(InetAddress host, int port) throws IOException {
        return connected(new InetSocketAddress(host, port), null, 0);
    }

    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort) throws IOException {
        return connected(new InetSocketAddress(address, port), localAddress, localPort);
    }

    private Socket connected(InetSocketAddress remote, InetAddress localAddress, int localPort) throws IOException {
        Socket s = noDelay(new BufferedSocket(quickAck));
        if (localAddress != null || localPort != 0) {
            s.bind(new InetSocketAddress(localAddress, localPort));
        }
        s.connect(remote);
        return s;
    }

    private static Socket noDelay(Socket s) throws IOException {
        s.setTcpNoDelay(true);
        return s;
    }

    /**
     * A socket whose input stream is buffered and ACKs what it read at once; the one stream is kept,
     * so no read-ahead is ever lost.
     */
    static final class BufferedSocket extends Socket {
        private final boolean quickAck;
        private InputStream in;

        BufferedSocket(boolean quickAck) {
            this.quickAck = quickAck;
        }

        /** Whether its reads ask for an immediate ACK. */
        boolean quickAck() {
            return quickAck;
        }

        @Override
        public synchronized InputStream getInputStream() throws IOException {
            if (in == null) {
                InputStream raw = super.getInputStream();
                in = new BufferedInputStream(quickAck ? new QuickAck(raw, this) : raw, 16 * 1024);
            }
            return in;
        }
    }

    /** Asks for the ACK of what a read took at once; where the option is missing it stops asking. */
    static final class QuickAck extends FilterInputStream {
        private final Socket socket;
        private boolean supported;

        QuickAck(InputStream in, Socket socket) {
            super(in);
            this.socket = socket;
            this.supported = socket.supportedOptions().contains(ExtendedSocketOptions.TCP_QUICKACK);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                ackNow();
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                ackNow();
            }
            return n;
        }

        private void ackNow() {
            if (!supported) {
                return;
            }
            try {
                socket.setOption(ExtendedSocketOptions.TCP_QUICKACK, Boolean.TRUE);
            } catch (IOException | UnsupportedOperationException e) {
                // a socket closing under the read, or a platform without it: the ACK comes late, nothing else
                supported = false;
            }
        }
    }
}
