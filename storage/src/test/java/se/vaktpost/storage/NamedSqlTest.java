package se.vaktpost.storage;

import static org.assertj.core.api.Assertions.assertThat;

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
}
