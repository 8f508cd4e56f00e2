package se.vaktpost.hub.notify;

/** The channels' own settings; secrets are read from files, never written in the registry. */
public final class Settings {
    private Settings() {
    }

    /**
     * SMTP: {@code security} STARTTLS (default; refused without it), TLS (port 465) or NONE (a
     * relay on the same host only). {@code trustFile}: a PEM certificate to trust besides the
     * system's, for a municipal mail server with its own CA.
     */
    public record Email(String host, Integer port, String security, String from, String username, String passwordFile,
                        String trustFile) {
        public Email {
            security = security == null ? "STARTTLS" : security.toUpperCase(java.util.Locale.ROOT);
            port = port == null ? ("TLS".equals(security) ? 465 : 587) : port;
        }
    }

    /**
     * An HTTP SMS gateway taking a form POST (46elks and others): basic auth with {@code username}
     * and the password in {@code passwordFile}; the form fields named in {@code fields} (default
     * from/to/message).
     */
    public record Sms(String url, String username, String passwordFile, String from,
                      java.util.Map<String, String> fields) {
        public Sms {
            from = from == null ? "Vaktpost" : from;
            fields = fields == null ? java.util.Map.of("from", "from", "to", "to", "message", "message")
                    : java.util.Map.copyOf(fields);
        }
    }

    /**
     * Web Push: {@code subject} is the VAPID contact (mailto: or https:) push services may use;
     * {@code allowedHosts} the push services a device may name as its endpoint (a host, or
     * {@code *.domain}): the browsers' own by default, so nobody can make the hub post to a
     * machine inside the municipality's network.
     */
    public record Push(String subject, java.util.List<String> allowedHosts) {
        public static final java.util.List<String> BROWSER_PUSH_SERVICES = java.util.List.of("fcm.googleapis.com",
                "updates.push.services.mozilla.com", "*.push.services.mozilla.com", "*.notify.windows.com",
                "web.push.apple.com", "*.push.apple.com");

        public Push {
            allowedHosts = allowedHosts == null ? BROWSER_PUSH_SERVICES : java.util.List.copyOf(allowedHosts);
        }

        public static Push defaults() {
            return new Push(null, null);
        }

        /** Whether an endpoint's host is one of the allowed push services. */
        public boolean allows(String host) {
            if (host == null) {
                return false;
            }
            String h = host.toLowerCase(java.util.Locale.ROOT);
            return allowedHosts.stream().anyMatch(a -> a.startsWith("*.") ? h.endsWith(a.substring(1)) : h.equals(a));
        }
    }
}
