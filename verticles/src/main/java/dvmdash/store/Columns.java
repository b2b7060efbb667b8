package dvmdash.store;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.Function;

/** Turns rows into the column arrays that {@code unnest($1::type[], …)} statements take as parameters. */
final class Columns {

  private Columns() {
  }

  static <R> String[] text(Collection<R> rows, Function<R, String> f) {
    String[] out = new String[rows.size()];
    int i = 0;
    for (R r : rows) {
      out[i++] = f.apply(r);
    }
    return out;
  }

  static <R> Long[] int8(Collection<R> rows, Function<R, Long> f) {
    Long[] out = new Long[rows.size()];
    int i = 0;
    for (R r : rows) {
      out[i++] = f.apply(r);
    }
    return out;
  }

  static <R> Integer[] int4(Collection<R> rows, Function<R, Integer> f) {
    Integer[] out = new Integer[rows.size()];
    int i = 0;
    for (R r : rows) {
      out[i++] = f.apply(r);
    }
    return out;
  }

  static <R> Boolean[] bool(Collection<R> rows, Function<R, Boolean> f) {
    Boolean[] out = new Boolean[rows.size()];
    int i = 0;
    for (R r : rows) {
      out[i++] = f.apply(r);
    }
    return out;
  }

  /** A PostgreSQL array literal such as {5300,5050}, cast per row with ::int[]. */
  static String intArrayLiteral(List<Integer> values) {
    List<String> parts = new ArrayList<>(values.size());
    for (Integer v : values) {
      parts.add(Integer.toString(v));
    }
    return "{" + String.join(",", parts) + "}";
  }

  /** A PostgreSQL text array literal such as {"a","b"} (every element quoted, quotes and backslashes escaped). */
  static String textArrayLiteral(List<String> values) {
    StringBuilder sb = new StringBuilder(2 + values.size() * 68).append('{');
    for (int i = 0; i < values.size(); i++) {
      if (i > 0) {
        sb.append(',');
      }
      sb.append('"');
      String v = values.get(i);
      for (int j = 0; j < v.length(); j++) {
        char c = v.charAt(j);
        if (c == '"' || c == '\\') {
          sb.append('\\');
        }
        sb.append(c);
      }
      sb.append('"');
    }
    return sb.append('}').toString();
  }

  /** A PostgreSQL bytea array literal of hex values, such as {"\\xab12"}, cast per row with ::bytea[]. */
  static String byteaArrayLiteral(List<String> hex) {
    List<String> values = new ArrayList<>(hex.size());
    for (String h : hex) {
      values.add("\\x" + h);
    }
    return textArrayLiteral(values);
  }
}
