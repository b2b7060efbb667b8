package dvmdash.collector;

import io.vertx.core.json.JsonArray;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

/**
 * The operator's relay list: relay entries in order, unique by URL, immutable. Edits return a new list; an invalid
 * edit is an {@link IllegalArgumentException} (HTTP 400) and an edit of an unknown relay a
 * {@link NoSuchElementException} (HTTP 404). JSON form: an array of {@code {"url", "activity"}}; a plain array of URL
 * strings (relays.json before activity marks, {@code collector.relays} in the config) still reads.
 */
public record RelayList(List<RelayEntry> entries) {

  public RelayList {
    Map<String, RelayEntry> byUrl = new LinkedHashMap<>();
    for (RelayEntry e : entries) {
      if (byUrl.putIfAbsent(e.url(), e) != null) {
        throw new IllegalArgumentException("duplicate relay URL: " + e.url());
      }
    }
    entries = List.copyOf(entries);
  }

  public static RelayList of(List<String> urls) {
    return new RelayList(urls.stream().map(RelayEntry::normal).toList());
  }

  public static RelayList fromJson(JsonArray array) {
    List<RelayEntry> out = new ArrayList<>();
    if (array != null) {
      for (Object o : array) {
        out.add(RelayEntry.fromJson(o));
      }
    }
    return new RelayList(out);
  }

  public JsonArray toJson() {
    JsonArray out = new JsonArray();
    entries.forEach(e -> out.add(e.toJson()));
    return out;
  }

  public List<String> urls() {
    return entries.stream().map(RelayEntry::url).toList();
  }

  public List<String> highUrls() {
    return entries.stream().filter(RelayEntry::high).map(RelayEntry::url).toList();
  }

  public RelayEntry get(String url) {
    return entries.stream().filter(e -> e.url().equals(url)).findFirst().orElse(null);
  }

  /** Adds a relay at the end; an already listed URL keeps its place and takes the given activity. */
  public RelayList with(RelayEntry entry) {
    List<RelayEntry> out = new ArrayList<>(entries);
    int i = urls().indexOf(entry.url());
    if (i >= 0) {
      out.set(i, entry);
    } else {
      out.add(entry);
    }
    return new RelayList(out);
  }

  public RelayList without(String url) {
    String u = url == null ? null : url.trim();
    if (get(u) == null) {
      throw new NoSuchElementException("no such relay: " + url);
    }
    return new RelayList(entries.stream().filter(e -> !e.url().equals(u)).toList());
  }

  public RelayList marked(String url, RelayEntry.Activity activity) {
    String u = url == null ? null : url.trim();
    RelayEntry e = get(u);
    if (e == null) {
      throw new NoSuchElementException("no such relay: " + url);
    }
    return with(e.withActivity(activity));
  }

  public int size() {
    return entries.size();
  }
}
