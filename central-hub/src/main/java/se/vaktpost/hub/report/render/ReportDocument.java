package se.vaktpost.hub.report.render;

import java.util.List;

/**
 * A finished report before it is drawn: headings, paragraphs, tables and charts, all text already
 * in the reader's language. One model feeds the HTML, the PDF and the CSV, so they always agree.
 */
public record ReportDocument(String lang, String title, String subtitle, List<String> intro, List<Section> sections) {

    public record Section(String heading, List<Block> blocks) {
    }

    /** Exactly one of text, table and chart is set (the template asks which). */
    public record Block(String text, Table table, Chart chart) {
        public static Block text(String text) {
            return new Block(text, null, null);
        }

        public static Block table(Table table) {
            return new Block(null, table, null);
        }

        public static Block chart(Chart chart) {
            return new Block(null, null, chart);
        }
    }

    /** A table; {@code id} names its CSV file. */
    public record Table(String id, String caption, List<Cell> headings, List<List<Cell>> rows) {
        public boolean empty() {
            return rows.isEmpty();
        }
    }

    /** A table cell; numbers are right-aligned. */
    public record Cell(String text, boolean number) {
        public static Cell text(String text) {
            return new Cell(text, false);
        }

        public static Cell number(String text) {
            return new Cell(text, true);
        }
    }

    /** A horizontal bar chart; {@code comparisonLabel} is null when there is one series. */
    public record Chart(String id, String title, String seriesLabel, String comparisonLabel, List<Bar> bars) {
        /** The chart as inline SVG, for the HTML and PDF. */
        public String svg() {
            return SvgBarChart.render(this);
        }
    }

    public record Bar(String label, long value, long comparison) {
    }

    public List<Table> tables() {
        return sections.stream().flatMap(s -> s.blocks().stream()).map(Block::table)
                .filter(java.util.Objects::nonNull).toList();
    }
}
