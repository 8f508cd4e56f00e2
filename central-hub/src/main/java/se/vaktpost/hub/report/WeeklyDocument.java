package se.vaktpost.hub.report;

import static se.vaktpost.hub.report.render.ReportDocument.Cell.number;
import static se.vaktpost.hub.report.render.ReportDocument.Cell.text;

import java.time.LocalDate;
import java.time.temporal.IsoFields;
import java.util.ArrayList;
import java.util.List;
import se.vaktpost.hub.report.render.ReportDocument;
import se.vaktpost.hub.report.render.ReportDocument.Block;
import se.vaktpost.hub.report.render.ReportDocument.Cell;
import se.vaktpost.hub.report.render.ReportDocument.Section;
import se.vaktpost.hub.report.render.ReportDocument.Table;

/** Lays the weekly figures out for the Friday information to the presidium (seed 000). */
public final class WeeklyDocument {
    private WeeklyDocument() {
    }

    public static ReportDocument build(WeeklyFigures f, Texts t, int organisationSize, LocalDate madeOn) {
        ReportPeriod p = f.period();
        int week = p.lastDay().get(IsoFields.WEEK_OF_WEEK_BASED_YEAR);
        String subtitle = Scope.describe(f.sites(), organisationSize, t) + ". "
                + t.get("period", t.date(p.from()), t.date(p.lastDay())) + ". " + t.get("made", t.date(madeOn));
        return new ReportDocument(t.lang(), t.get("weekly.title", week, p.lastDay().getYear()), subtitle,
                List.of(t.get("weekly.intro"), t.get("noNames")),
                List.of(incidents(f, t), themes(f, t), followUps(f, t), alarms(f, t)));
    }

    private static Section incidents(WeeklyFigures f, Texts t) {
        List<Block> b = new ArrayList<>();
        b.add(Block.text(t.get("weekly.total", f.totalNew())));
        List<List<Cell>> rows = new ArrayList<>();
        for (WeeklyFigures.CategoryRow c : f.byCategory()) {
            if (c.count() > 0) {
                rows.add(List.of(text(c.category().label(t.locale())), number(t.number(c.count()))));
            }
        }
        b.add(Block.table(new Table("new-by-category", t.get("weekly.byCategory"),
                List.of(text(t.get("col.category")), number(t.get("col.count"))), rows)));
        rows = new ArrayList<>();
        for (WeeklyFigures.SiteCategoryRow r : f.bySiteAndCategory()) {
            rows.add(List.of(text(r.site().name()), text(r.category().label(t.locale())), number(t.number(r.count()))));
        }
        b.add(Block.table(new Table("new-by-site", t.get("weekly.bySite"),
                List.of(text(t.get("col.site")), text(t.get("col.category")), number(t.get("col.count"))), rows)));
        return new Section(t.get("weekly.newIncidents"), b);
    }

    private static Section themes(WeeklyFigures f, Texts t) {
        List<List<Cell>> rows = new ArrayList<>();
        for (WeeklyFigures.ThemeRow r : f.byTheme()) {
            rows.add(List.of(text(r.theme()), text(r.site().name()), number(t.number(r.count()))));
        }
        return new Section(t.get("weekly.themes"), List.of(Block.table(new Table("themes", t.get("weekly.themes"),
                List.of(text(t.get("col.theme")), text(t.get("col.site")), number(t.get("col.count"))), rows))));
    }

    private static Section followUps(WeeklyFigures f, Texts t) {
        List<List<Cell>> rows = new ArrayList<>();
        long open = 0;
        long due = 0;
        for (WeeklyFigures.FollowUpRow r : f.followUps()) {
            open += r.open();
            due += r.due();
            if (r.open() > 0) {
                rows.add(List.of(text(r.site().name()), number(t.number(r.open())), number(t.number(r.due()))));
            }
        }
        return new Section(t.get("weekly.followUps"), List.of(Block.text(t.get("weekly.followUps.total", open, due)),
                Block.table(new Table("open-follow-ups", t.get("weekly.followUps"),
                        List.of(text(t.get("col.site")), number(t.get("col.open")), number(t.get("col.due"))), rows))));
    }

    private static Section alarms(WeeklyFigures f, Texts t) {
        List<List<Cell>> rows = new ArrayList<>();
        for (WeeklyFigures.AlarmLine a : f.alarms()) {
            rows.add(List.of(text(t.dateTime(a.openedAt(), f.period().zone())), text(a.site().name()),
                    text(a.category().label(t.locale())), text(t.yesNo(a.drill())), number(t.duration(a.toAcknowledge())),
                    number(t.duration(a.duration()))));
        }
        return new Section(t.get("weekly.alarms"), List.of(Block.table(new Table("alarms-and-drills", t.get("weekly.alarms"),
                List.of(text(t.get("col.time")), text(t.get("col.site")), text(t.get("col.kind")), text(t.get("col.drill")),
                        number(t.get("col.toAck")), number(t.get("col.duration"))), rows))));
    }
}
