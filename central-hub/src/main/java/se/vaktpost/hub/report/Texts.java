package se.vaktpost.hub.report;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.TextStyle;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.ResourceBundle;

/**
 * The reports' words and number formats in the reader's language: Swedish unless English is
 * asked for. Numbers have no thousands separator so CSV cells stay numbers in Excel.
 */
public final class Texts {
    public static final Locale SWEDISH = Locale.forLanguageTag("sv-SE");
    private static final ResourceBundle.Control NO_FALLBACK =
            ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES);
    private final Locale locale;
    private final ResourceBundle bundle;
    private final DateTimeFormatter date;
    private final DateTimeFormatter dateTime;

    private Texts(Locale locale) {
        this.locale = locale;
        this.bundle = ResourceBundle.getBundle("report.texts", locale, NO_FALLBACK);
        this.date = DateTimeFormatter.ofPattern("d MMM yyyy", locale);
        this.dateTime = DateTimeFormatter.ofPattern("EEE d MMM HH:mm", locale);
    }

    /** "en" gives English; anything else Swedish. */
    public static Texts of(String lang) {
        return new Texts("en".equalsIgnoreCase(lang) ? Locale.ENGLISH : SWEDISH);
    }

    public Locale locale() {
        return locale;
    }

    public String lang() {
        return locale.getLanguage();
    }

    public String get(String key, Object... args) {
        // Always formatted, so a literal percent sign is written %% in every text.
        return String.format(locale, bundle.getString(key), args);
    }

    public String number(long n) {
        return Long.toString(n);
    }

    public String decimal(double v, int digits) {
        return String.format(locale, "%." + digits + "f", v);
    }

    public String percent(Optional<Double> v) {
        return v.map(p -> decimal(p, 1) + " %").orElse("–");
    }

    /** A change as a signed whole number: "+3", "-2", "±0". */
    public String change(long delta) {
        return delta > 0 ? "+" + delta : delta == 0 ? "±0" : Long.toString(delta);
    }

    public String changePercent(OptionalDouble v) {
        if (v.isEmpty()) {
            return "–";
        }
        double p = v.getAsDouble();
        return (p > 0 ? "+" : "") + decimal(p, 1) + " %";
    }

    /** "42 s", "3 min 20 s", "2 h 5 min"; "–" when there is nothing to show. */
    public String duration(Optional<Duration> d) {
        if (d.isEmpty()) {
            return "–";
        }
        long s = d.get().toSeconds();
        if (s < 60) {
            return s + " s";
        }
        if (s < 3600) {
            return (s / 60) + " min" + (s % 60 == 0 ? "" : " " + (s % 60) + " s");
        }
        return (s / 3600) + " h" + ((s % 3600) / 60 == 0 ? "" : " " + (s % 3600) / 60 + " min");
    }

    public String month(YearMonth m) {
        return m.getMonth().getDisplayName(TextStyle.FULL_STANDALONE, locale);
    }

    public String date(LocalDate d) {
        return date.format(d);
    }

    public String dateTime(Instant t, ZoneId zone) {
        return dateTime.format(t.atZone(zone));
    }

    public String yesNo(boolean b) {
        return get(b ? "yes" : "no");
    }
}
