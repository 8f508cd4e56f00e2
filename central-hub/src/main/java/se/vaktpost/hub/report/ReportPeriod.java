package se.vaktpost.hub.report;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;

/** A span of whole local days, [from, until), in the schools' time zone. */
public record ReportPeriod(LocalDate from, LocalDate until, ZoneId zone) {
    public ReportPeriod {
        if (!from.isBefore(until)) {
            throw new IllegalArgumentException("a report period ends after it starts: " + from + " .. " + until);
        }
    }

    public static ReportPeriod year(int year, ZoneId zone) {
        return new ReportPeriod(LocalDate.of(year, 1, 1), LocalDate.of(year + 1, 1, 1), zone);
    }

    /** The seven days that end with {@code lastDay} (the Friday of the weekly summary). */
    public static ReportPeriod weekEnding(LocalDate lastDay, ZoneId zone) {
        return new ReportPeriod(lastDay.minusDays(6), lastDay.plusDays(1), zone);
    }

    /** The latest Friday on or before {@code today}: the default weekly summary. */
    public static LocalDate latestFriday(LocalDate today) {
        return today.with(TemporalAdjusters.previousOrSame(DayOfWeek.FRIDAY));
    }

    /** The same span one year earlier, for the change from the previous year. */
    public ReportPeriod previousYear() {
        return new ReportPeriod(from.minusYears(1), until.minusYears(1), zone);
    }

    public Instant start() {
        return from.atStartOfDay(zone).toInstant();
    }

    public Instant end() {
        return until.atStartOfDay(zone).toInstant();
    }

    public LocalDate lastDay() {
        return until.minusDays(1);
    }

    public boolean contains(Instant t) {
        return !t.isBefore(start()) && t.isBefore(end());
    }

    /** The calendar months the period touches, in order. */
    public List<YearMonth> months() {
        List<YearMonth> out = new ArrayList<>();
        for (YearMonth m = YearMonth.from(from); !m.atDay(1).isAfter(lastDay()); m = m.plusMonths(1)) {
            out.add(m);
        }
        return out;
    }
}
