package dvmdash.shared.nostr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class Nip19Test {

  private static final String FIATJAF = "3bf0c63fcb93463407af97a5e5ee64fa883d107ef9e558472c4eb9aaaefa459d";
  private static final String FIATJAF_NPUB = "npub180cvv07tjdrrgpa0j7j7tmnyl2yr6yr7l8j4s3evf6u64th6gkwsyjh6w6";
  private static final String KEY = "7e7e9c42a91bfef19fa929e5fda1b72e0ebc1a4c1141673e2794234d86addf4e";
  private static final String KEY_NPUB = "npub10elfcs4fr0l0r8af98jlmgdh9c8tcxjvz9qkw038js35mp4dma8qzvjptg";
  private static final String NSEC = "nsec1vl029mgpspedva04g90vltkh6fvh240zqtv9k0t9af8935ke9laqsnlfe5";
  private static final String NPROFILE = "nprofile1qqsrhuxx8l9ex335q7he0f09aej04zpazpl0ne2cgukyawd24mayt8gpp4mhxue69uhh"
    + "ytnc9e3k7mgpz4mhxue69uhkg6nzv9ejuumpv34kytnrdaksjlyr9p";

  @Test
  void knownNpubPairs() {
    assertEquals(FIATJAF_NPUB, Nip19.encodeNpub(FIATJAF));
    assertEquals(KEY_NPUB, Nip19.encodeNpub(KEY));
    assertEquals(Optional.of(FIATJAF), Nip19.decodeToHex(FIATJAF_NPUB));
    assertEquals(Optional.of(KEY), Nip19.decodeToHex(KEY_NPUB));
    assertEquals(FIATJAF_NPUB, Nip19.encodeNpub(FIATJAF.toUpperCase()));
  }

  @Test
  void noteRoundTrip() {
    String id = "7cadd987daf15a530a01770423ab616e04482174c2ac4dd98369cb05b145409a";
    String note = Nip19.encodeNote(id);
    assertTrue(note.startsWith("note1") && note.length() == 63, note);
    assertEquals(Optional.of(id), Nip19.decodeToHex(note));
    assertEquals(Optional.of(id), Nip19.decodeToHex("nostr:" + note));
    assertEquals(Optional.of(id), Nip19.decodeToHex(note.toUpperCase()));
  }

  @Test
  void nprofileFromNip19() {
    assertEquals(Optional.of(FIATJAF), Nip19.decodeToHex(NPROFILE));
  }

  @Test
  void neventWithRelayAuthorAndKind() {
    String id = "b".repeat(64);
    ByteArrayOutputStream tlv = new ByteArrayOutputStream();
    byte[] relay = "wss://relay.example".getBytes(StandardCharsets.US_ASCII);
    tlv.write(1);
    tlv.write(relay.length);
    tlv.writeBytes(relay);
    tlv.write(0);
    tlv.write(32);
    tlv.writeBytes(Hex.decode(id));
    tlv.write(2);
    tlv.write(32);
    tlv.writeBytes(Hex.decode(KEY));
    tlv.write(3);
    tlv.write(4);
    tlv.writeBytes(new byte[] {0, 0, 0x14, (byte) 0xb4});
    String nevent = Bech32.encode("nevent", tlv.toByteArray());
    assertEquals(Optional.of(id), Nip19.decodeToHex(nevent));
  }

  @Test
  void plainHex() {
    assertEquals(Optional.of(FIATJAF), Nip19.decodeToHex(FIATJAF));
    assertEquals(Optional.of(FIATJAF), Nip19.decodeToHex(FIATJAF.toUpperCase()));
    assertEquals(Optional.of(FIATJAF), Nip19.decodeToHex(" " + FIATJAF + "\n"));
    assertTrue(Nip19.decodeToHex(FIATJAF.substring(1)).isEmpty());
    assertTrue(Nip19.decodeToHex(FIATJAF + "0").isEmpty());
  }

  @Test
  void rejectsWhatIsNotAKeyOrId() {
    char last = FIATJAF_NPUB.charAt(FIATJAF_NPUB.length() - 1);
    String badChecksum = FIATJAF_NPUB.substring(0, FIATJAF_NPUB.length() - 1) + (last == 'q' ? 'p' : 'q');
    String mixedCase = "NPUB" + FIATJAF_NPUB.substring(4);
    String shortNpub = Bech32.encode("npub", Arrays.copyOf(Hex.decode(FIATJAF), 31));
    String shortTlv = Bech32.encode("nprofile", new byte[] {0, 31, 1, 2});
    byte[] special31 = new byte[33];
    special31[1] = 31;
    String shortSpecial = Bech32.encode("nevent", special31);
    String truncatedTlv = Bech32.encode("nevent", new byte[] {1, 40, 'w', 's'});
    String naddr = Bech32.encode("naddr", new byte[] {0, 3, 'a', 'b', 'c', 3, 4, 0, 0, 0x75, 0x36});
    for (String s : Arrays.asList(null, "", "npub1", NSEC, badChecksum, mixedCase, shortNpub, shortTlv, shortSpecial,
        truncatedTlv, naddr, "hello", FIATJAF_NPUB.replace("w6", "wb"), "nostr:", "\ud800")) {
      assertTrue(Nip19.decodeToHex(s).isEmpty(), "expected empty for " + s);
    }
  }

  @Test
  void encodeRejectsNonKeys() {
    assertThrows(IllegalArgumentException.class, () -> Nip19.encodeNpub("abc"));
    assertThrows(IllegalArgumentException.class, () -> Nip19.encodeNote(null));
    assertThrows(IllegalArgumentException.class, () -> Nip19.encodeNpub("z".repeat(64)));
  }
}
