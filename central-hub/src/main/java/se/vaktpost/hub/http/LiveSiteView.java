package se.vaktpost.hub.http;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import se.vaktpost.hub.intake.Intake;
import se.vaktpost.hub.lockdown.SiteMode;
import se.vaktpost.hub.presence.PresenceSupervisor;
import se.vaktpost.hub.registry.SiteRegistry;

/** Site state and panel presence as the pipeline holds them, read on the pipeline thread. */
public final class LiveSiteView {
    private record Snapshot(Map<String, SiteMode> modes, Map<PresenceSupervisor.PanelKey, PresenceSupervisor.Presence> panels) {
    }

    private final SiteRegistry registry;
    private final Intake intake;
    private final ExecutorService pipeline;

    public LiveSiteView(SiteRegistry registry, Intake intake, ExecutorService pipeline) {
        this.registry = registry;
        this.intake = intake;
        this.pipeline = pipeline;
    }

    /** Every site the caller may see. */
    public JsonArray all(java.util.function.Predicate<String> visible) throws Exception {
        Snapshot s = snapshot();
        return new JsonArray(registry.sites().stream().filter(site -> visible.test(site.id()))
                .map(site -> describe(site, s)).toList());
    }

    /** One site; the caller has checked that it exists and may be seen. */
    public JsonObject one(String site) throws Exception {
        return describe(registry.site(site).orElseThrow(), snapshot());
    }

    private Snapshot snapshot() throws Exception {
        return pipeline.submit(() -> new Snapshot(intake.modes(), intake.presence().snapshot()))
                .get(5, TimeUnit.SECONDS);
    }

    private static JsonObject describe(SiteRegistry.SiteInfo site, Snapshot s) {
        SiteMode mode = s.modes().get(site.id());
        JsonObject o = new JsonObject().put("id", site.id()).put("name", site.name());
        if (mode instanceof SiteMode.Lockdown l) {
            o.put("mode", "LOCKDOWN").put("incident", l.incident()).put("drill", l.drill());
        } else {
            o.put("mode", "NORMAL").putNull("incident").put("drill", false);
        }
        o.put("since", mode.since().toString());
        JsonArray panels = new JsonArray();
        for (SiteRegistry.PanelInfo p : site.panels()) {
            var presence = s.panels().get(new PresenceSupervisor.PanelKey(site.id(), p.id()));
            panels.add(new JsonObject().put("id", p.id()).put("name", p.name())
                    .put("online", presence != null && presence.online())
                    .put("lastSeen", presence == null ? null : presence.lastSeen().toString()));
        }
        return o.put("panels", panels);
    }
}
