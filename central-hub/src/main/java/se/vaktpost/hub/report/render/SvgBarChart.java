package se.vaktpost.hub.report.render;

import java.util.Locale;

/**
 * Draws a horizontal bar chart as SVG: one row per bar, the current value as a dark bar and, when
 * there is a comparison series, the previous value as a thin grey bar under it. Plain SVG 1.1 so
 * browsers and the PDF renderer (Batik) draw it the same.
 */
final class SvgBarChart {
    private static final int WIDTH = 640;
    private static final int LABEL = 190;
    private static final int VALUE = 50;
    private static final int ROW = 22;
    private static final int TOP = 26;

    private SvgBarChart() {
    }

    static String render(ReportDocument.Chart chart) {
        boolean compare = chart.comparisonLabel() != null;
        long max = 1;
        for (ReportDocument.Bar b : chart.bars()) {
            max = Math.max(max, Math.max(b.value(), compare ? b.comparison() : 0));
        }
        int height = TOP + chart.bars().size() * ROW + 6;
        double scale = (double) (WIDTH - LABEL - VALUE) / max;
        StringBuilder svg = new StringBuilder(256 + chart.bars().size() * 400);
        svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" width=\"").append(WIDTH)
                .append("\" height=\"").append(height).append("\" viewBox=\"0 0 ").append(WIDTH).append(' ')
                .append(height).append("\" role=\"img\" aria-label=\"").append(xml(chart.title())).append("\">")
                .append("<title>").append(xml(chart.title())).append("</title>")
                .append("<g font-family=\"Helvetica, Arial, sans-serif\" font-size=\"11\">");
        legend(svg, chart, compare);
        int y = TOP;
        for (ReportDocument.Bar b : chart.bars()) {
            svg.append("<text x=\"").append(LABEL - 6).append("\" y=\"").append(y + 13)
                    .append("\" text-anchor=\"end\" fill=\"#222\">").append(xml(b.label())).append("</text>");
            bar(svg, LABEL, y + 2, b.value() * scale, compare ? 12 : 16, "#1f4e79");
            if (compare) {
                bar(svg, LABEL, y + 15, b.comparison() * scale, 5, "#a6a6a6");
            }
            svg.append("<text class=\"value\" x=\"").append(fmt(LABEL + b.value() * scale + 4)).append("\" y=\"")
                    .append(y + 13).append("\" fill=\"#222\">").append(b.value()).append("</text>");
            y += ROW;
        }
        return svg.append("</g></svg>").toString();
    }

    private static void legend(StringBuilder svg, ReportDocument.Chart chart, boolean compare) {
        bar(svg, LABEL, 6, 12, 10, "#1f4e79");
        svg.append("<text x=\"").append(LABEL + 16).append("\" y=\"15\">").append(xml(chart.seriesLabel())).append("</text>");
        if (compare) {
            bar(svg, LABEL + 140, 8, 12, 5, "#a6a6a6");
            svg.append("<text x=\"").append(LABEL + 156).append("\" y=\"15\">").append(xml(chart.comparisonLabel()))
                    .append("</text>");
        }
    }

    private static void bar(StringBuilder svg, int x, int y, double width, int height, String colour) {
        svg.append("<rect x=\"").append(x).append("\" y=\"").append(y).append("\" width=\"").append(fmt(width))
                .append("\" height=\"").append(height).append("\" fill=\"").append(colour).append("\"/>");
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }

    static String xml(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (char ch : text.toCharArray()) {
            switch (ch) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(ch);
            }
        }
        return out.toString();
    }
}
