package se.vaktpost.hub.http;

import se.vaktpost.protocol.PanelHealth;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.function.Predicate;
import se.vaktpost.hub.core.CoreView;
import se.vaktpost.hub.lockdown.SiteMode;
import se.vaktpost.hub.registry.SiteRegistry;

/** Site state and panel presence as the core last published them; read on any thread without waiting. */
public final class LiveSiteView {
    private final SiteRegistry registry;
    private final CoreView view;

    public LiveSiteView(SiteRegistry registry, CoreView view) {
        this.registry = registry;
        this.view = view;
    }

    /** Every site the caller may see. */
    public JsonArray all(Predicate<String> visible) {
        return new JsonArray(registry.sites().stream().filter(site -> visible.test(site.id()))
                .map(this::describe).toList());
    }

    /** One site; the caller has checked that it exists and may be seen. */
    public JsonObject one(String site) {
        return describe(registry.site(site).orElseThrow());
    }

    private JsonObject describe(SiteRegistry.SiteInfo site) {
        CoreView.SiteView s = view.site(site.id()).orElseThrow();
        SiteMode mode = s.mode();
        JsonObject o = new JsonObject().put("id", site.id()).put("name", site.name());
        if (mode instanceof SiteMode.Lockdown l) {
            o.put("mode", "LOCKDOWN").put("incident", l.incident()).put("drill", l.drill());
        } else {
            o.put("mode", "NORMAL").putNull("incident").put("drill", false);
        }
        o.put("since", mode.since().toString()).put("version", mode.version());
        JsonArray panels = new JsonArray();
        for (SiteRegistry.PanelInfo p : site.panels()) {
            CoreView.PanelView pv = s.panels().getOrDefault(p.id(), new CoreView.PanelView(false, null, null));
            JsonObject panel = new JsonObject().put("id", p.id()).put("name", p.name()).put("online", pv.online())
                    .put("lastSeen", pv.lastSeen() == null ? null : pv.lastSeen().toString())
                    .put("clockOffsetMs", pv.clockOffsetMillis()).put("clockSkewed", pv.clockSkewed());
            // what the panel says of itself: its build, how long it has run, NTP, presses waiting for the hub
            PanelHealth h = pv.health();
            panel.put("version", h == null ? null : h.version()).put("uptimeS", h == null ? null : h.uptimeSeconds())
                    .put("clockSynced", h == null ? null : h.clockSynced()).put("outbox", h == null ? null : h.outboxDepth());
            panels.add(panel);
        }
        return o.put("panels", panels);
    }
}
