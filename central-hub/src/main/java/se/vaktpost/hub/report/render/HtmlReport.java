package se.vaktpost.hub.report.render;

import com.samskivert.mustache.Mustache;
import com.samskivert.mustache.Template;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Draws a report as one self-contained XHTML page (inline CSS and SVG) that prints on A4. */
public final class HtmlReport {
    private static final Template TEMPLATE = load("report/report.mustache");

    private HtmlReport() {
    }

    public static String render(ReportDocument doc) {
        return TEMPLATE.execute(doc);
    }

    private static Template load(String resource) {
        try (InputStream in = HtmlReport.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + resource);
            }
            // Escaping is on: every text from the log is shown as text, never as markup.
            return Mustache.compiler().nullValue("").emptyStringIsFalse(true).compile(new InputStreamReader(in, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
