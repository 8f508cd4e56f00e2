package se.vaktpost.hub.intake;

/** Text from the network made safe for one log line: control characters shown, length bounded. */
final class Printable {
    private Printable() {
    }

    static String of(String s, int max) {
        StringBuilder out = new StringBuilder(Math.min(s.length(), max) + 8);
        for (int i = 0; i < s.length() && out.length() < max; i++) {
            char c = s.charAt(i);
            out.append(Character.isISOControl(c) ? String.format("\\u%04x", (int) c) : String.valueOf(c));
        }
        return out.length() < s.length() ? out + "…" : out.toString();
    }
}
