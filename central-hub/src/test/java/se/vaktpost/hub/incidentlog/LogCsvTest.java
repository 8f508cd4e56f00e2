package se.vaktpost.hub.incidentlog;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LogCsvTest {
    @Test
    void textsASpreadsheetWouldRunAsAFormulaStayText() {
        for (String formula : new String[] {"=HYPERLINK(\"http://x\")", "+1+1", "-2+3", "@SUM(A1)", "\tx", "\rx"}) {
            assertThat(LogCsv.cell(formula)).as(formula).isEqualTo("'" + formula);
        }
        assertThat(LogCsv.cell("Ekbackens skola")).isEqualTo("Ekbackens skola");
        assertThat(LogCsv.cell("+2")).as("a report's change is a number").isEqualTo("+2");
        assertThat(LogCsv.cell("-3,5 %")).isEqualTo("-3,5 %");
        assertThat(LogCsv.cell("")).isEqualTo("");
        assertThat(LogCsv.cell(-5)).as("numbers are numbers").isEqualTo(-5);
        assertThat(LogCsv.cell(null)).isNull();
    }
}
