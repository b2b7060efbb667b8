package dvmdash.jobs;

import dvmdash.shared.nostr.Hex;
import dvmdash.shared.nostr.KindCatalog;
import dvmdash.shared.nostr.Nip19;
import java.math.BigDecimal;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.Locale;

/** The words the job view uses for pubkeys, ids, amounts and kinds (English, locale-independent). */
public final class Wording {

  private Wording() {
  }

  /** {@code npub1abcdefgh…wxyz} for a 64-hex pubkey; anything else unchanged. */
  public static String shortNpub(String pubkey) {
    if (!Hex.isLowerHex(pubkey, 64)) {
      return String.valueOf(pubkey);
    }
    String npub = Nip19.encodeNpub(pubkey);
    return npub.substring(0, 13) + "…" + npub.substring(npub.length() - 4);
  }

  /** The first 8 hex characters of an id, then an ellipsis. */
  public static String shortId(String id) {
    return id == null || id.length() <= 8 ? String.valueOf(id) : id.substring(0, 8) + "…";
  }

  /** Millisats as sats with grouping and up to three decimals: 2100000 → "2,100", 1500 → "1.5". */
  public static String sats(long msat) {
    DecimalFormat f = new DecimalFormat("#,##0.###", DecimalFormatSymbols.getInstance(Locale.ROOT));
    return f.format(BigDecimal.valueOf(msat, 3));
  }

  /** "kind 5300 Content discovery (feeds)", or "unknown kind" for −1. */
  public static String kind(int kind) {
    return kind < 0 ? "unknown kind" : "kind " + kind + " " + KindCatalog.name(kind);
  }
}
