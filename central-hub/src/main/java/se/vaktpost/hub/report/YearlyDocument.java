package se.vaktpost.hub.report;

import static se.vaktpost.hub.report.render.ReportDocument.Cell.number;
import static se.vaktpost.hub.report.render.ReportDocument.Cell.text;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import se.vaktpost.hub.incidentlog.Category;
import se.vaktpost.hub.incidentlog.LadderStep;
import se.vaktpost.hub.report.render.ReportDocument;
import se.vaktpost.hub.report.render.ReportDocument.Block;
import se.vaktpost.hub.report.render.ReportDocument.Cell;
import se.vaktpost.hub.report.render.ReportDocument.Section;
import se.vaktpost.hub.report.render.ReportDocument.Table;

/** Lays the yearly figures out as the five steps of systematic safety work (seed 003). */
public final class YearlyDocument {
    private final YearlyFigures f;
    private final Texts t;
    private final String year;
    private final String previous;

    private YearlyDocument(YearlyFigures figures, Texts texts) {
        this.f = figures;
        this.t = texts;
        this.year = String.valueOf(figures.period().from().getYear());
        this.previous = String.valueOf(figures.period().from().getYear() - 1);
    }

    public static ReportDocument build(YearlyFigures figures, Texts texts, int organisationSize, LocalDate madeOn) {
        return new YearlyDocument(figures, texts).document(organisationSize, madeOn);
    }

    private ReportDocument document(int organisationSize, LocalDate madeOn) {
        ReportPeriod p = f.period();
        String subtitle = Scope.describe(f.sites(), organisationSize, t) + ". "
                + t.get("period", t.date(p.from()), t.date(p.lastDay())) + ". " + t.get("made", t.date(madeOn));
        return new ReportDocument(t.lang(), t.get("yearly.title", year), subtitle,
                List.of(t.get("yearly.intro"), t.get("noNames")),
                List.of(mapping(), analysis(), action(), evaluation(), improvement()));
    }

    private Section mapping() {
        List<Block> b = new ArrayList<>();
        b.add(Block.text(t.get("yearly.total", f.totalIncidents(), previous, f.totalPrevious(),
                t.change(f.totalIncidents() - f.totalPrevious()))));
        List<List<Cell>> rows = new ArrayList<>();
        List<ReportDocument.Bar> bars = new ArrayList<>();
        for (Count c : f.byCategory()) {
            String label = Category.valueOf(c.key()).label(t.locale());
            rows.add(countRow(label, c));
            if (c.current() > 0 || c.previous() > 0) {
                bars.add(new ReportDocument.Bar(label, c.current(), c.previous()));
            }
        }
        b.add(Block.table(new Table("incidents-by-category", t.get("yearly.byCategory"), countHeadings("category"), rows)));
        b.add(Block.chart(new ReportDocument.Chart("chart-by-category", t.get("yearly.byCategory"), year, previous, bars)));
        rows = new ArrayList<>();
        bars = new ArrayList<>();
        for (Count c : f.byMonth()) {
            String label = t.month(YearMonth.parse(c.key()));
            rows.add(countRow(label, c));
            bars.add(new ReportDocument.Bar(label, c.current(), c.previous()));
        }
        b.add(Block.table(new Table("incidents-by-month", t.get("yearly.byMonth"), countHeadings("month"), rows)));
        b.add(Block.chart(new ReportDocument.Chart("chart-by-month", t.get("yearly.byMonth"), year, previous, bars)));
        rows = new ArrayList<>();
        for (YearlyFigures.SiteRow s : f.bySite()) {
            List<Cell> row = new ArrayList<>(countRow(s.site().name(), s.incidents()));
            row.add(1, number(s.site().pupils() == null ? "–" : t.number(s.site().pupils())));
            rows.add(row);
        }
        List<Cell> headings = new ArrayList<>(countHeadings("site"));
        headings.add(1, number(t.get("col.pupils")));
        b.add(Block.table(new Table("incidents-by-site", t.get("yearly.bySite"), headings, rows)));
        rows = new ArrayList<>();
        for (Count c : f.byTheme()) {
            rows.add(countRow(c.key(), c));
        }
        b.add(Block.table(new Table("incidents-by-theme", t.get("yearly.byTheme"), countHeadings("theme"), rows)));
        return new Section(t.get("step.mapping"), b);
    }

    private Section analysis() {
        List<Block> b = new ArrayList<>();
        List<List<Cell>> rows = new ArrayList<>();
        for (YearlyFigures.AlarmRow a : f.alarms()) {
            rows.add(List.of(text(a.category().label(t.locale())), number(t.number(a.real())), number(t.number(a.drills()))));
        }
        b.add(Block.table(new Table("alarms-and-drills", t.get("yearly.alarms"),
                List.of(text(t.get("col.kind")), number(t.get("col.real")), number(t.get("col.drills"))), rows)));
        b.add(Block.table(new Table("response-times", t.get("yearly.times"),
                List.of(text(t.get("col.measure")), number(t.get("col.n")), number(t.get("col.median")),
                        number(t.get("col.p90"))),
                List.of(durationRow(t.get("yearly.timeToAck"), f.timeToAcknowledge()),
                        durationRow(t.get("yearly.timeInLockdown"), f.timeInLockdown()),
                        durationRow(t.get("yearly.drillTimeInLockdown"), f.drillTimeInLockdown())))));
        if (f.unacknowledged() > 0) {
            b.add(Block.text(t.get("yearly.unacknowledged", f.unacknowledged())));
        }
        b.add(Block.text(t.get("yearly.underReporting.intro")));
        rows = new ArrayList<>();
        for (UnderReporting.Finding u : f.underReporting()) {
            boolean perPupil = u.basis() == UnderReporting.Basis.PER_PUPIL;
            double scale = perPupil ? 100 : 1;
            rows.add(List.of(text(Scope.name(f.sites(), u.site())), text(t.get(perPupil ? "basis.pupil" : "basis.panel")),
                    number(t.decimal(u.rate() * scale, 2)), number(t.decimal(u.organisationRate() * scale, 2)),
                    text(u.flagged() ? t.get("flag.outreach") : "")));
        }
        b.add(Block.table(new Table("under-reporting", t.get("yearly.underReporting"),
                List.of(text(t.get("col.site")), text(t.get("col.basis")), number(t.get("col.rate")),
                        number(t.get("col.orgRate")), text(t.get("col.flag"))), rows)));
        return new Section(t.get("step.analysis"), b);
    }

    private Section action() {
        List<Block> b = new ArrayList<>();
        List<List<Cell>> rows = new ArrayList<>();
        for (YearlyFigures.StatusRow s : f.caseStatus()) {
            rows.add(List.of(text(s.status().label(t.locale())), number(t.number(s.count()))));
        }
        b.add(Block.table(new Table("cases-by-status", t.get("yearly.status"),
                List.of(text(t.get("col.status")), number(t.get("col.count"))), rows)));
        rows = new ArrayList<>();
        for (Count c : f.byLadderStep()) {
            LadderStep step = LadderStep.of(Integer.parseInt(c.key()));
            rows.add(List.of(number(c.key()), text(step.responsible(t.locale())), number(t.number(c.current()))));
        }
        b.add(Block.table(new Table("cases-by-ladder-step", t.get("yearly.ladder"),
                List.of(number(t.get("col.step")), text(t.get("col.responsible")), number(t.get("col.count"))), rows)));
        rows = new ArrayList<>();
        for (ActionPlanItem a : f.actionPlan()) {
            rows.add(List.of(text(a.site() == null ? t.get("scope.organisation") : Scope.name(f.sites(), a.site())),
                    text(a.focusArea()), text(a.activity()), text(a.goal()), text(a.followUp())));
        }
        b.add(Block.table(new Table("action-plan", t.get("yearly.plan"),
                List.of(text(t.get("col.unit")), text(t.get("col.focus")), text(t.get("col.activity")),
                        text(t.get("col.goal")), text(t.get("col.followUp"))), rows)));
        return new Section(t.get("step.action"), b);
    }

    private Section evaluation() {
        List<Block> b = new ArrayList<>();
        b.add(Block.text(t.get("yearly.availability.org", t.percent(f.availability().percent()))));
        List<List<Cell>> panels = new ArrayList<>();
        List<List<Cell>> alarms = new ArrayList<>();
        for (YearlyFigures.SiteRow s : f.bySite()) {
            panels.add(List.of(text(s.site().name()), number(t.number(s.site().panels())),
                    number(t.percent(s.availability().percent())), number(t.number(s.tamper())),
                    number(t.number(s.panelOffline()))));
            alarms.add(List.of(text(s.site().name()), number(t.number(s.lockdowns())), number(t.number(s.lockdownDrills())),
                    number(t.number(s.silentAlarms())), number(t.number(s.alarmDrills()))));
        }
        b.add(Block.table(new Table("panels-by-site", t.get("yearly.panels"),
                List.of(text(t.get("col.site")), number(t.get("col.panels")), number(t.get("col.availability")),
                        number(t.get("col.tamper")), number(t.get("col.offline"))), panels)));
        b.add(Block.table(new Table("alarms-by-site", t.get("yearly.alarmsBySite"),
                List.of(text(t.get("col.site")), number(t.get("col.lockdowns")), number(t.get("col.lockdownDrills")),
                        number(t.get("col.alarms")), number(t.get("col.alarmDrills"))), alarms)));
        return new Section(t.get("step.evaluation"), b);
    }

    private Section improvement() {
        List<Block> b = new ArrayList<>();
        List<String> flagged = f.underReporting().stream().filter(UnderReporting.Finding::flagged)
                .map(u -> Scope.name(f.sites(), u.site())).toList();
        b.add(Block.text(flagged.isEmpty() ? t.get("improve.noOutreach")
                : t.get("improve.outreach", String.join(", ", flagged))));
        List<String> weak = f.bySite().stream()
                .filter(s -> s.availability().percent().map(p -> p < 99.0).orElse(false))
                .map(s -> s.site().name()).toList();
        b.add(Block.text(weak.isEmpty() ? t.get("improve.availabilityOk")
                : t.get("improve.availability", String.join(", ", weak))));
        long withoutFollowUp = f.actionPlan().stream().filter(a -> a.followUp().isEmpty()).count();
        b.add(Block.text(t.get("improve.plan", f.actionPlan().size(), withoutFollowUp)));
        return new Section(t.get("step.improvement"), b);
    }

    private List<Cell> countHeadings(String first) {
        return List.of(text(t.get("col." + first)), number(year), number(previous), number(t.get("col.change")),
                number(t.get("col.changePercent")));
    }

    private List<Cell> countRow(String label, Count c) {
        return List.of(text(label), number(t.number(c.current())), number(t.number(c.previous())),
                number(t.change(c.change())), number(t.changePercent(c.changePercent())));
    }

    private List<Cell> durationRow(String label, YearlyFigures.Durations d) {
        return List.of(text(label), number(t.number(d.n())), number(t.duration(d.median())), number(t.duration(d.p90())));
    }
}
