package se.vaktpost.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The alert rules operations get (deploy/prometheus) as Prometheus's own tool sees them: the
 * configuration and rules are valid, and the unit tests of every alert pass (promtool, from
 * Debian's prometheus package, which .ci/run installs).
 */
class AlertRulesTest {
    private static final Path PROMETHEUS = Path.of("../deploy/prometheus").toAbsolutePath().normalize();

    private static String promtool(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("promtool"));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).directory(PROMETHEUS.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("promtool finishes").isTrue();
        assertThat(p.exitValue()).as("promtool %s:%n%s", String.join(" ", args), out).isZero();
        return out;
    }

    private static List<String> files(String folder) throws IOException {
        try (Stream<Path> s = Files.list(PROMETHEUS.resolve(folder))) {
            return s.filter(f -> f.toString().endsWith(".yml")).map(f -> PROMETHEUS.relativize(f).toString()).sorted().toList();
        }
    }

    private static String read(List<String> names) throws IOException {
        StringBuilder all = new StringBuilder();
        for (String n : names) {
            all.append(Files.readString(PROMETHEUS.resolve(n))).append('\n');
        }
        return all.toString();
    }

    @Test
    void theScrapeConfigurationAndTheRulesAreValid() throws Exception {
        assertThat(promtool("check", "config", "prometheus.yml")).contains("SUCCESS");
        List<String> args = new ArrayList<>(List.of("check", "rules"));
        args.addAll(files("rules"));
        assertThat(promtool(args.toArray(String[]::new))).contains("SUCCESS").doesNotContain("FAILED");
    }

    @Test
    void everyAlertFiresWhenItShouldAndNotOtherwise() throws Exception {
        List<String> args = new ArrayList<>(List.of("test", "rules"));
        args.addAll(files("tests"));
        assertThat(promtool(args.toArray(String[]::new))).contains("SUCCESS").doesNotContain("FAILED");
        String rules = read(files("rules"));
        String tests = read(files("tests"));
        java.util.regex.Matcher alert = java.util.regex.Pattern.compile("- alert: (\\w+)").matcher(rules);
        while (alert.find()) {
            assertThat(tests).as("a unit test of %s", alert.group(1)).contains("alertname: " + alert.group(1));
        }
    }
}
