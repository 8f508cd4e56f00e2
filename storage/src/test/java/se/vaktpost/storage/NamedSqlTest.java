package se.vaktpost.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class NamedSqlTest {
    @Test
    void splitsStatementsByNameAndDropsCommentsAndSemicolons() {
        var m = NamedSql.parse("""
                -- a file comment
                -- name: first
                SELECT 1
                  FROM x; -- trailing is kept as part of the line
                -- name: second
                -- explains the statement
                DELETE FROM y;
                """);
        assertThat(m).containsOnlyKeys("first", "second");
        assertThat(m.get("second")).isEqualTo("DELETE FROM y");
        assertThat(m.get("first")).startsWith("SELECT 1");
    }

    @Test
    void namedParametersBecomeJdbcPlaceholdersInOrderButNotInsideQuotesOrCasts() {
        var st = NamedSql.named("q", "SELECT ':not' FROM t WHERE a = :site AND b = :site AND c >= :from_at AND d::text = 'x'");
        assertThat(st.jdbc()).isEqualTo("SELECT ':not' FROM t WHERE a = ? AND b = ? AND c >= ? AND d::text = 'x'");
        assertThat(st.parameters()).containsExactly("site", "site", "from_at");
    }

    @Test
    void aLoadedFileIsParsedOnceAndAnUnknownNameIsRefusedSayingWhere() {
        NamedSql sql = NamedSql.load("sql/named-sql-test.sql");
        NamedSql.Statement st = sql.statement("by_site");
        assertThat(st.jdbc()).isEqualTo("SELECT id FROM events WHERE site = ? AND at >= ?");
        assertThat(st.parameters()).containsExactly("site", "from_at");
        // the same object every time: the alarm path asks for its statements on every event
        assertThat(sql.statement("by_site")).isSameAs(st);
        assertThatThrownBy(() -> sql.statement("by_panel")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("no statement 'by_panel' in sql/named-sql-test.sql");
    }
}
