package se.vaktpost.agent.sim;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import se.vaktpost.agent.lockdown.PanelLockdown.Indication;
import se.vaktpost.agent.panel.Panel;
import se.vaktpost.hardware.Input;
import se.vaktpost.hardware.Output;
import se.vaktpost.hardware.SimulatedBoard;

/**
 * Typed commands that press the buttons of simulated panels, in Swedish or English. Presses go
 * through the mock GPIO, so debounce and hold behave as on the real panel.
 */
public final class SimulationConsole {
    private final List<Panel> panels;
    private final InputStream in;
    private final PrintStream out;

    public SimulationConsole(List<Panel> panels, InputStream in, PrintStream out) {
        this.panels = panels;
        this.in = in;
        this.out = out;
    }

    public static String help() {
        return """
                Kommandon / commands (PANEL = site/panel, or just the panel name when unique):
                  larm PANEL        | alarm PANEL      tyst överfallslarm / silent alarm
                  inrymning PANEL   | lockdown PANEL   håll inrymningsknappen / hold the lockdown button
                  återgång PANEL    | allclear PANEL   nyckel: faran över / key switch all-clear
                  sabotage PANEL    | tamper PANEL     öppna lådan / open the box
                  status                              alla paneler / all panels
                  hjälp | help, avsluta | quit""";
    }

    public void run() {
        out.println(help());
        try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                if (!handle(line.strip())) {
                    return;
                }
            }
        } catch (IOException e) {
            out.println("console closed: " + e.getMessage());
        }
    }

    /** Returns false when the user asked to quit. */
    boolean handle(String line) {
        if (line.isEmpty()) {
            return true;
        }
        String[] words = line.split("\\s+");
        String cmd = words[0].toLowerCase(Locale.ROOT);
        switch (cmd) {
            case "avsluta", "quit", "exit" -> {
                return false;
            }
            case "hjälp", "help", "?" -> out.println(help());
            case "status" -> panels.forEach(p -> out.println(describe(p)));
            default -> act(cmd, words);
        }
        return true;
    }

    private void act(String cmd, String[] words) {
        if (words.length < 2) {
            out.println("Ange panel / name a panel, e.g. '" + cmd + " reception-1'. Skriv 'hjälp'.");
            return;
        }
        Panel p = find(words[1]);
        if (p == null) {
            out.println("Okänd panel / unknown panel '" + words[1] + "'. Skriv 'status' för listan.");
            return;
        }
        SimulatedBoard b = (SimulatedBoard) p.board();
        switch (cmd) {
            case "larm", "alarm" -> tap(b, Input.ALARM_BUTTON, 100);
            case "inrymning", "lockdown" -> tap(b, Input.LOCKDOWN_BUTTON, 2_500);
            case "återgång", "aterga", "allclear" -> tap(b, Input.ALL_CLEAR_KEY, 300);
            case "sabotage", "tamper" -> tap(b, Input.TAMPER_SWITCH, 300);
            default -> {
                out.println("Okänt kommando / unknown command '" + cmd + "'. Skriv 'hjälp'.");
                return;
            }
        }
        out.println("ok: " + cmd + " " + p.name());
    }

    private static void tap(SimulatedBoard b, Input input, long holdMs) {
        b.press(input);
        try {
            Thread.sleep(holdMs);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        b.release(input);
    }

    private Panel find(String ref) {
        List<Panel> hits = panels.stream()
                .filter(p -> p.name().equals(ref) || p.name().endsWith("/" + ref)).toList();
        return hits.size() == 1 ? hits.get(0) : null;
    }

    private static String describe(Panel p) {
        boolean locked = p.indication() instanceof Indication.Locked;
        return String.format("%-28s %-9s %-10s dörrlås=%s väntar på kvittens=%d", p.name(),
                p.connected() ? "online" : "OFFLINE", locked ? "INRYMNING" : "normal",
                p.board().isOn(Output.DOOR_LOCK) ? "låst" : "olåst", p.unconfirmedEvents());
    }
}
