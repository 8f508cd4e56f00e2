package se.vaktpost.hub.accounts;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * What an API token may do, whatever its user may: grants such as {@code lockdown:ekbacken} (an
 * alarm centre that may lock one school) or {@code view:*}. The rights that can be granted act on
 * the alarm path only; nothing here reaches personal data, the incident log, reports or users.
 * Pure.
 */
public record TokenScope(Set<Grant> grants) {
    /** A right a token can be given, by the name it is written with. */
    public enum Right {
        /** Sites' state, incidents and the live stream (without people's names). */
        VIEW("view", null),
        LOCKDOWN("lockdown", Action.LOCKDOWN),
        DRILL("drill", Action.DRILL),
        ALL_CLEAR("all-clear", Action.ALL_CLEAR),
        ACKNOWLEDGE("acknowledge", Action.ACKNOWLEDGE);

        private final String text;
        private final Action action;

        Right(String text, Action action) {
            this.text = text;
            this.action = action;
        }

        static Right of(String text) {
            return Arrays.stream(values()).filter(r -> r.text.equals(text)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("unknown right '" + text + "' in a token scope; "
                            + "use " + Arrays.stream(values()).map(r -> r.text).collect(Collectors.joining(", "))));
        }
    }

    /** One right at one site, or at every site ({@code *}). */
    public record Grant(Right right, String site) {
        boolean at(String siteId) {
            return siteId != null && (site.equals("*") || site.equals(siteId));
        }

        @Override
        public String toString() {
            return right.text + ":" + site;
        }
    }

    private static final Pattern SITE = Pattern.compile("\\*|[a-z0-9][a-z0-9-]{0,62}");

    public TokenScope {
        if (grants.isEmpty()) {
            throw new IllegalArgumentException("a token scope names at least one right, e.g. lockdown:SITE");
        }
        grants = Set.copyOf(grants);
    }

    /** Parses grants separated by spaces or commas, e.g. {@code "view:alfa lockdown:alfa"}. */
    public static TokenScope parse(String text) {
        Set<Grant> grants = new LinkedHashSet<>();
        for (String part : (text == null ? "" : text.trim()).split("[\\s,]+")) {
            if (part.isEmpty()) {
                continue;
            }
            int colon = part.indexOf(':');
            if (colon < 0) {
                throw new IllegalArgumentException("a grant is RIGHT:SITE (e.g. lockdown:ekbacken), not '" + part + "'");
            }
            String site = part.substring(colon + 1);
            if (!SITE.matcher(site).matches()) {
                throw new IllegalArgumentException("'" + site + "' is not a site id or *");
            }
            grants.add(new Grant(Right.of(part.substring(0, colon).toLowerCase(Locale.ROOT)), site));
        }
        return new TokenScope(grants);
    }

    /** Whether any grant names this site: the token may see its state. */
    public boolean covers(String siteId) {
        return grants.stream().anyMatch(g -> g.at(siteId));
    }

    /** Whether a grant allows this act at this site; acts no right stands for are never allowed. */
    public boolean allows(Action action, String siteId) {
        return grants.stream().anyMatch(g -> g.right.action == action && g.at(siteId));
    }

    /** The sites named, for checking them against the registry when a token is made. */
    public Set<String> sites() {
        return grants.stream().map(Grant::site).collect(Collectors.toUnmodifiableSet());
    }

    /** As stored and shown: the grants in a stable order. */
    public String text() {
        return grants.stream().map(Grant::toString).sorted().collect(Collectors.joining(" "));
    }
}
