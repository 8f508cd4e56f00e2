package se.vaktpost.hub.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Units that report few degrading-treatment incidents for their size (seed 001): a low rate is a
 * warning sign, not a good sign. A site's rate is per pupil, or per panel when its pupil count is
 * unknown, and is compared with the organisation's rate on the same basis.
 */
public final class UnderReporting {
    /** A site is flagged below this share of the organisation's rate. */
    public static final double FAR_BELOW = 0.5;

    /** One site's size and count. {@code pupils} may be null. */
    public record Unit(String site, Integer pupils, int panels, long reported) {
    }

    public enum Basis { PER_PUPIL, PER_PANEL }

    /** The comparison for one site; {@code flagged} when its rate is far below the organisation's. */
    public record Finding(String site, Basis basis, double rate, double organisationRate, boolean flagged) {
    }

    private UnderReporting() {
    }

    public static List<Finding> assess(List<Unit> units) {
        double perPupil = rate(units.stream().filter(u -> u.pupils() != null && u.pupils() > 0)
                .map(u -> Map.entry(u.reported(), (long) u.pupils())).toList());
        double perPanel = rate(units.stream().filter(u -> u.panels() > 0)
                .map(u -> Map.entry(u.reported(), (long) u.panels())).toList());
        List<Finding> out = new ArrayList<>();
        for (Unit u : units) {
            boolean byPupils = u.pupils() != null && u.pupils() > 0;
            if (!byPupils && u.panels() == 0) {
                continue; // nothing to measure the site's size by
            }
            Basis basis = byPupils ? Basis.PER_PUPIL : Basis.PER_PANEL;
            double rate = (double) u.reported() / (byPupils ? u.pupils() : u.panels());
            double org = byPupils ? perPupil : perPanel;
            out.add(new Finding(u.site(), basis, rate, org, org > 0 && rate < FAR_BELOW * org));
        }
        return out;
    }

    private static double rate(List<Map.Entry<Long, Long>> countAndSize) {
        long count = countAndSize.stream().mapToLong(Map.Entry::getKey).sum();
        long size = countAndSize.stream().mapToLong(Map.Entry::getValue).sum();
        return size == 0 ? 0 : (double) count / size;
    }
}
