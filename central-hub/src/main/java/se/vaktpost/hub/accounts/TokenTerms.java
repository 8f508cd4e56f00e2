package se.vaktpost.hub.accounts;

import java.time.Duration;
import java.time.Instant;

/** The one rule for a new token's lifetime, shared by the command line and the API. Pure. */
public final class TokenTerms {
    public static final int DEFAULT_DAYS = 90;
    public static final int MAX_DAYS = 366;

    private TokenTerms() {
    }

    /** When a token made {@code now} to live {@code days} (null: the default) ends. */
    public static Instant expiry(Integer days, Instant now) {
        int d = days == null ? DEFAULT_DAYS : days;
        if (d < 1 || d > MAX_DAYS) {
            throw new IllegalArgumentException("a token lives 1 to " + MAX_DAYS + " days (default " + DEFAULT_DAYS
                    + "); make a new one before it ends");
        }
        return now.plus(Duration.ofDays(d));
    }
}
