package se.vaktpost.hub.report;

import java.util.List;

/** How a report names the sites it covers. */
final class Scope {
    private Scope() {
    }

    static String describe(List<ReportSite> sites, int organisationSize, Texts t) {
        if (sites.size() == organisationSize) {
            return t.get("scope.all", sites.size());
        }
        if (sites.size() == 1) {
            return sites.get(0).name();
        }
        return t.get("scope.some", sites.size(), String.join(", ", sites.stream().map(ReportSite::name).toList()));
    }

    static String name(List<ReportSite> sites, String id) {
        return sites.stream().filter(s -> s.id().equals(id)).map(ReportSite::name).findFirst().orElse(id);
    }
}
