package se.vaktpost.hub.registry;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import se.vaktpost.protocol.Contract;

/** The schools (sites) and their panels, loaded once from the file given with --config. */
public final class SiteRegistry {

    public record PanelInfo(String id, String name) {
    }

    public record SiteInfo(String id, String name, Integer pupils, List<PanelInfo> panels) {
        public SiteInfo {
            panels = panels == null ? List.of() : List.copyOf(panels);
        }

        /** Asked for every message a panel sends (a thousand heartbeats a second at 10,000 panels): a plain loop. */
        public boolean hasPanel(String panel) {
            for (PanelInfo p : panels) {
                if (p.id().equals(panel)) {
                    return true;
                }
            }
            return false;
        }
    }

    /**
     * Hub-wide settings from the same file; all optional. {@code twoFactorRoles}: the roles that
     * must sign in with a second factor (default security and admin; {@code []} for none).
     */
    public record HubSettings(Integer acknowledgeWithinSeconds, Map<String, List<String>> checklists,
                              java.time.ZoneId timeZone, java.util.Set<se.vaktpost.hub.accounts.Role> twoFactorRoles) {
        public HubSettings(Integer acknowledgeWithinSeconds, Map<String, List<String>> checklists, java.time.ZoneId timeZone) {
            this(acknowledgeWithinSeconds, checklists, timeZone, null);
        }

        public HubSettings {
            twoFactorRoles = twoFactorRoles == null
                    ? java.util.Set.of(se.vaktpost.hub.accounts.Role.SECURITY, se.vaktpost.hub.accounts.Role.ADMIN)
                    : java.util.Set.copyOf(twoFactorRoles);
            // Days, weeks and months of the log and reports are the schools' local ones.
            timeZone = timeZone == null ? java.time.ZoneId.of("Europe/Stockholm") : timeZone;
            acknowledgeWithinSeconds = acknowledgeWithinSeconds == null ? 60 : acknowledgeWithinSeconds;
            checklists = checklists == null ? Map.of() : Map.copyOf(checklists);
            if (acknowledgeWithinSeconds < 5) {
                throw new IllegalArgumentException("hub.acknowledgeWithinSeconds must be at least 5");
            }
        }

        /** The checklist shown with an incident of this kind (LOCKDOWN, ALARM, TAMPER, ...). */
        public List<String> checklist(String kind) {
            return checklists.getOrDefault(kind, List.of());
        }
    }

    private record File(@JsonProperty("sites") List<SiteInfo> sites, @JsonProperty("hub") HubSettings hub,
                        @JsonProperty("notifications") se.vaktpost.hub.notify.NotificationPlan notifications) {
    }

    private final Map<String, SiteInfo> sites;
    private final List<String> order;
    private final HubSettings settings;
    private final se.vaktpost.hub.notify.NotificationPlan notifications;

    public HubSettings settings() {
        return settings;
    }

    /** Who hears of what; {@link se.vaktpost.hub.notify.NotificationPlan#none()} when the file says nothing. */
    public se.vaktpost.hub.notify.NotificationPlan notifications() {
        return notifications;
    }

    public SiteRegistry(List<SiteInfo> sites) {
        this(sites, new HubSettings(null, null, null));
    }

    public SiteRegistry(List<SiteInfo> sites, HubSettings settings) {
        this(sites, settings, se.vaktpost.hub.notify.NotificationPlan.none());
    }

    public SiteRegistry(List<SiteInfo> sites, HubSettings settings, se.vaktpost.hub.notify.NotificationPlan notifications) {
        Map<String, SiteInfo> m = new LinkedHashMap<>();
        for (SiteInfo s : sites) {
            require(Contract.isIdentifier(s.id()), "site id '" + s.id() + "' must be lower case letters, digits, dashes");
            require(m.put(s.id(), s) == null, "site '" + s.id() + "' is listed twice");
            require(!s.panels().isEmpty(), "site '" + s.id() + "' has no panels");
            long distinct = s.panels().stream().map(PanelInfo::id).distinct().count();
            require(distinct == s.panels().size(), "site '" + s.id() + "' lists a panel twice");
            for (PanelInfo p : s.panels()) {
                require(Contract.isIdentifier(p.id()), "panel id '" + p.id() + "' of site '" + s.id() + "' is not valid");
                require(!p.id().equals("hub"), "panel id 'hub' is reserved for acts given at the hub");
            }
        }
        require(!m.isEmpty(), "the registry lists no sites");
        this.sites = Map.copyOf(m);
        this.order = List.copyOf(m.keySet());
        this.settings = settings;
        this.notifications = notifications == null ? se.vaktpost.hub.notify.NotificationPlan.none() : notifications;
        this.notifications.validate(m.keySet());
    }

    public static SiteRegistry load(Path file) throws IOException {
        if (!Files.isReadable(file)) {
            throw new IOException("site registry " + file + " not found or not readable; see config/sites.example.yaml");
        }
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory())
                .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true)
                .configure(com.fasterxml.jackson.databind.MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS, true);
        File f = yaml.readValue(file.toFile(), File.class);
        try {
            return new SiteRegistry(f.sites() == null ? List.of() : f.sites(),
                    f.hub() == null ? new HubSettings(null, null, null) : f.hub(), f.notifications());
        } catch (IllegalArgumentException e) {
            throw new IOException(file + ": " + e.getMessage(), e);
        }
    }

    public Optional<SiteInfo> site(String id) {
        return Optional.ofNullable(sites.get(id));
    }

    public List<SiteInfo> sites() {
        return order.stream().map(sites::get).toList();
    }

    public int panelCount() {
        return sites.values().stream().mapToInt(s -> s.panels().size()).sum();
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }
}
