package dvmdash.api;

import dvmdash.shared.nostr.Hex;
import dvmdash.shared.nostr.Nip19;
import io.vertx.ext.web.RoutingContext;
import java.util.Locale;
import java.util.Optional;

/** Validated request parameters; every problem becomes a {@link BadRequestException} with a clear message. */
final class Params {

  private Params() {
  }

  static Integer optionalInt(RoutingContext ctx, String name, int min, int max) {
    String v = ctx.request().getParam(name);
    if (v == null || v.isEmpty()) {
      return null;
    }
    try {
      int n = Integer.parseInt(v);
      if (n < min || n > max) {
        throw new BadRequestException(name + " must be between " + min + " and " + max);
      }
      return n;
    } catch (NumberFormatException e) {
      throw new BadRequestException(name + " must be an integer");
    }
  }

  /** A comma-separated list of up to {@code maxCount} distinct integers in [min, max]; empty when absent. */
  static java.util.List<Integer> intList(RoutingContext ctx, String name, int min, int max, int maxCount) {
    String v = ctx.request().getParam(name);
    if (v == null || v.isEmpty()) {
      return java.util.List.of();
    }
    java.util.Set<Integer> out = new java.util.LinkedHashSet<>();
    for (String part : v.split(",", -1)) {
      try {
        int n = Integer.parseInt(part.trim());
        if (n < min || n > max) {
          throw new BadRequestException(name + " values must be between " + min + " and " + max);
        }
        out.add(n);
      } catch (NumberFormatException e) {
        throw new BadRequestException(name + " must be an integer or a comma-separated list of integers");
      }
    }
    if (out.size() > maxCount) {
      throw new BadRequestException(name + " takes at most " + maxCount + " values");
    }
    return java.util.List.copyOf(out);
  }

  static int intOr(RoutingContext ctx, String name, int dflt, int min, int max) {
    Integer v = optionalInt(ctx, name, min, max);
    return v == null ? dflt : v;
  }

  static Long optionalLong(RoutingContext ctx, String name) {
    String v = ctx.request().getParam(name);
    if (v == null || v.isEmpty()) {
      return null;
    }
    try {
      long n = Long.parseLong(v);
      if (n < 0) {
        throw new BadRequestException(name + " must not be negative");
      }
      return n;
    } catch (NumberFormatException e) {
      throw new BadRequestException(name + " must be an integer (unix seconds)");
    }
  }

  /** A 64-hex id or pubkey, also accepted as npub/note/nevent/nprofile; lowercased. */
  static String hex64(String value, String name) {
    if (value == null) {
      return null;
    }
    String v = value.trim().toLowerCase(Locale.ROOT);
    if (Hex.isLowerHex(v, 64)) {
      return v;
    }
    Optional<String> decoded = Nip19.decodeToHex(v);
    if (decoded.isPresent()) {
      return decoded.get();
    }
    throw new BadRequestException(name + " must be 64 hex characters or a NIP-19 identifier");
  }

  static String optionalHex64(RoutingContext ctx, String name) {
    String v = ctx.request().getParam(name);
    return v == null || v.isEmpty() ? null : hex64(v, name);
  }

  static int requestKind(String value) {
    try {
      int k = Integer.parseInt(value);
      if (k < 5000 || k > 5999) {
        throw new BadRequestException("kind must be a job request kind (5000-5999)");
      }
      return k;
    } catch (NumberFormatException e) {
      throw new BadRequestException("kind must be an integer");
    }
  }
}
