package dvmdash.health;

import java.util.Locale;

/** Flat SVG badges (label on grey, value on a state colour) for a DVM's state and uptime; pure. */
public final class Badge {

  private static final int CHAR_WIDTH = 7;
  private static final int PADDING = 10;

  private Badge() {
  }

  /** "dvm | up" in the state's colour. */
  public static String status(String state) {
    String s = state == null ? "unknown" : state;
    return svg("dvm", s, colour(s));
  }

  /** "uptime 30d | 99.5%" (one decimal, rounded down so 99.96 % never shows as 100 %), grey "n/a" when null. */
  public static String uptime(String window, Double fraction) {
    if (fraction == null) {
      return svg("uptime " + window, "n/a", "#9f9f9f");
    }
    double pct = Math.floor(fraction * 1000) / 10;
    String colour = pct >= 99 ? "#4c1" : pct >= 95 ? "#dfb317" : "#e05d44";
    return svg("uptime " + window, String.format(Locale.ROOT, "%.1f%%", pct), colour);
  }

  static String colour(String state) {
    return switch (state) {
      case "up" -> "#4c1";
      case "degraded" -> "#dfb317";
      case "down" -> "#e05d44";
      default -> "#9f9f9f";
    };
  }

  private static String svg(String label, String value, String colour) {
    int lw = label.length() * CHAR_WIDTH + PADDING;
    int vw = value.length() * CHAR_WIDTH + PADDING;
    int w = lw + vw;
    String l = Html.escape(label);
    String v = Html.escape(value);
    return "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" + w + "\" height=\"20\" role=\"img\" aria-label=\""
        + l + ": " + v + "\"><title>" + l + ": " + v + "</title>"
        + "<rect width=\"" + lw + "\" height=\"20\" fill=\"#555\"/>"
        + "<rect x=\"" + lw + "\" width=\"" + vw + "\" height=\"20\" fill=\"" + colour + "\"/>"
        + "<g fill=\"#fff\" text-anchor=\"middle\" font-family=\"Verdana,DejaVu Sans,sans-serif\" font-size=\"11\">"
        + "<text x=\"" + lw / 2 + "\" y=\"14\">" + l + "</text>"
        + "<text x=\"" + (lw + vw / 2) + "\" y=\"14\">" + v + "</text></g></svg>";
  }
}
