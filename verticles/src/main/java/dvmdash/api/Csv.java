package dvmdash.api;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * CSV (RFC 4180) lines of JSON rows for the table exports: a field with a comma, quote or line break is quoted with
 * its quotes doubled; lists are joined with spaces; null is empty. Text that a spreadsheet would run as a formula
 * (starting with =, +, -, @, tab or CR; names come from anyone's profile) is prefixed with an apostrophe.
 */
final class Csv {

  private Csv() {
  }

  static String header(List<String> columns) {
    return String.join(",", columns) + "\r\n";
  }

  /** One line: the given columns of {@code row}, in order. */
  static String line(JsonObject row, List<String> columns) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < columns.size(); i++) {
      if (i > 0) {
        out.append(',');
      }
      out.append(field(row.getValue(columns.get(i))));
    }
    return out.append("\r\n").toString();
  }

  static String field(Object value) {
    if (value == null) {
      return "";
    }
    if (value instanceof JsonArray a) {
      StringBuilder joined = new StringBuilder();
      for (Object v : a) {
        if (!joined.isEmpty()) {
          joined.append(' ');
        }
        joined.append(v);
      }
      return joined.toString();
    }
    if (value instanceof Number || value instanceof Boolean) {
      return value.toString();
    }
    String s = value.toString();
    if (!s.isEmpty() && "=+-@\t\r".indexOf(s.charAt(0)) >= 0) {
      s = "'" + s;
    }
    if (s.indexOf(',') >= 0 || s.indexOf('"') >= 0 || s.indexOf('\n') >= 0 || s.indexOf('\r') >= 0) {
      return '"' + s.replace("\"", "\"\"") + '"';
    }
    return s;
  }
}
