package se.vaktpost.hub.http;

import io.vertx.ext.web.RoutingContext;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

/**
 * Who a request really came from. Behind a reverse proxy every request comes from the proxy; only
 * when the direct peer is one of the trusted proxies ({@code --trusted-proxy CIDR}) are its
 * {@code X-Forwarded-For} and {@code X-Forwarded-Proto} believed: the client is the rightmost
 * address in the chain that is not itself a trusted proxy. Anyone else's headers are ignored, so a
 * stranger cannot choose the address the sign-in limiter and the audit log see.
 */
final class ClientAddress {
    static final String KEY = "vaktpost.client";
    static final String SCHEME = "vaktpost.scheme";

    /** A network in CIDR notation, e.g. 10.0.0.0/8 or 127.0.0.1/32. */
    record Cidr(byte[] network, int bits) {
        static Cidr parse(String text) {
            String[] parts = text.trim().split("/", 2);
            try {
                byte[] address = InetAddress.getByName(parts[0]).getAddress();
                int bits = parts.length == 2 ? Integer.parseInt(parts[1]) : address.length * 8;
                if (bits < 0 || bits > address.length * 8) {
                    throw new IllegalArgumentException("prefix length out of range in " + text);
                }
                return new Cidr(address, bits);
            } catch (UnknownHostException | NumberFormatException e) {
                throw new IllegalArgumentException("not a CIDR network: '" + text + "' (e.g. 10.0.0.0/8)", e);
            }
        }

        boolean contains(String address) {
            byte[] a;
            try {
                a = InetAddress.getByName(address).getAddress();
            } catch (UnknownHostException e) {
                return false;
            }
            if (a.length != network.length) {
                return false;
            }
            for (int i = 0; i < bits; i++) {
                int mask = 0x80 >> (i % 8);
                if ((a[i / 8] & mask) != (network[i / 8] & mask)) {
                    return false;
                }
            }
            return true;
        }
    }

    private ClientAddress() {
    }

    /** Resolves the client and scheme once per request, for {@link AuthRoutes#remote} and the cookies. */
    static void resolve(RoutingContext ctx, List<Cidr> trusted) {
        String peer = ctx.request().remoteAddress() == null ? "unknown" : ctx.request().remoteAddress().hostAddress();
        String client = peer;
        String scheme = ctx.request().scheme();
        if (trusted.stream().anyMatch(c -> c.contains(peer))) {
            String chain = ctx.request().getHeader("X-Forwarded-For");
            if (chain != null) {
                String[] hops = chain.split(",");
                for (int i = hops.length - 1; i >= 0; i--) {
                    String hop = hops[i].trim();
                    client = hop;
                    if (trusted.stream().noneMatch(c -> c.contains(hop))) {
                        break;
                    }
                }
            }
            String proto = ctx.request().getHeader("X-Forwarded-Proto");
            if ("https".equalsIgnoreCase(proto) || "http".equalsIgnoreCase(proto)) {
                scheme = proto.toLowerCase(java.util.Locale.ROOT);
            }
        }
        ctx.put(KEY, client.length() > 64 ? client.substring(0, 64) : client);
        ctx.put(SCHEME, scheme);
        ctx.next();
    }
}
