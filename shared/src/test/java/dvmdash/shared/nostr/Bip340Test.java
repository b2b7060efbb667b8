package dvmdash.shared.nostr;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.acinq.secp256k1.Secp256k1;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * BIP-340 Schnorr signatures as used for Nostr ids: the final test vectors 0-14 (even-Y version of
 * bitcoin/bips bip-0340/test-vectors.csv; 15-18 use non-32-byte messages) and derived negative checks.
 */
class Bip340Test {

  private static final BigInteger P = new BigInteger(
    "FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEFFFFFC2F", 16);
  private static final BigInteger N = new BigInteger(
    "FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEBAAEDCE6AF48A03BBFD25E8CD0364141", 16);

  @ParameterizedTest(name = "vector {0}: {6} {7}")
  @CsvSource(delimiter = ',', nullValues = "", textBlock = """
    0,0000000000000000000000000000000000000000000000000000000000000003,F9308A019258C31049344F85F89D5229B531C845836F99B08601F113BCE036F9,0000000000000000000000000000000000000000000000000000000000000000,0000000000000000000000000000000000000000000000000000000000000000,E907831F80848D1069A5371B402410364BDF1C5F8307B0084C55F1CE2DCA821525F66A4A85EA8B71E482A74F382D2CE5EBEEE8FDB2172F477DF4900D310536C0,TRUE,
    1,B7E151628AED2A6ABF7158809CF4F3C762E7160F38B4DA56A784D9045190CFEF,DFF1D77F2A671C5F36183726DB2341BE58FEAE1DA2DECED843240F7B502BA659,0000000000000000000000000000000000000000000000000000000000000001,243F6A8885A308D313198A2E03707344A4093822299F31D0082EFA98EC4E6C89,6896BD60EEAE296DB48A229FF71DFE071BDE413E6D43F917DC8DCF8C78DE33418906D11AC976ABCCB20B091292BFF4EA897EFCB639EA871CFA95F6DE339E4B0A,TRUE,
    2,C90FDAA22168C234C4C6628B80DC1CD129024E088A67CC74020BBEA63B14E5C9,DD308AFEC5777E13121FA72B9CC1B7CC0139715309B086C960E18FD969774EB8,C87AA53824B4D7AE2EB035A2B5BBBCCC080E76CDC6D1692C4B0B62D798E6D906,7E2D58D8B3BCDF1ABADEC7829054F90DDA9805AAB56C77333024B9D0A508B75C,5831AAEED7B44BB74E5EAB94BA9D4294C49BCF2A60728D8B4C200F50DD313C1BAB745879A5AD954A72C45A91C3A51D3C7ADEA98D82F8481E0E1E03674A6F3FB7,TRUE,
    3,0B432B2677937381AEF05BB02A66ECD012773062CF3FA2549E44F58ED2401710,25D1DFF95105F5253C4022F628A996AD3A0D95FBF21D468A1B33F8C160D8F517,FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF,FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF,7EB0509757E246F19449885651611CB965ECC1A187DD51B64FDA1EDC9637D5EC97582B9CB13DB3933705B32BA982AF5AF25FD78881EBB32771FC5922EFC66EA3,TRUE,msg not reduced modulo p or n
    4,,D69C3509BB99E412E68B0FE8544E72837DFA30746D8BE2AA65975F29D22DC7B9,,4DF3C3F68FCC83B27E9D42C90431A72499F17875C81A599B566C9889B9696703,00000000000000000000003B78CE563F89A0ED9414F5AA28AD0D96D6795F9C6376AFB1548AF603B3EB45C9F8207DEE1060CB71C04E80F593060B07D28308D7F4,TRUE,
    5,,EEFDEA4CDB677750A420FEE807EACF21EB9898AE79B9768766E4FAA04A2D4A34,,243F6A8885A308D313198A2E03707344A4093822299F31D0082EFA98EC4E6C89,6CFF5C3BA86C69EA4B7376F31A9BCB4F74C1976089B2D9963DA2E5543E17776969E89B4C5564D00349106B8497785DD7D1D713A8AE82B32FA79D5F7FC407D39B,FALSE,public key not on the curve
    6,,DFF1D77F2A671C5F36183726DB2341BE58FEAE1DA2DECED843240F7B502BA659,,243F6A8885A308D313198A2E03707344A4093822299F31D0082EFA98EC4E6C89,FFF97BD5755EEEA420453A14355235D382F6472F8568A18B2F057A14602975563CC27944640AC607CD107AE10923D9EF7A73C643E166BE5EBEAFA34B1AC553E2,FALSE,has_even_y(R) is false
    7,,DFF1D77F2A671C5F36183726DB2341BE58FEAE1DA2DECED843240F7B502BA659,,243F6A8885A308D313198A2E03707344A4093822299F31D0082EFA98EC4E6C89,1FA62E331EDBC21C394792D2AB1100A7B432B013DF3F6FF4F99FCB33E0E1515F28890B3EDB6E7189B630448B515CE4F8622A954CFE545735AAEA5134FCCDB2BD,FALSE,negated message
    8,,DFF1D77F2A671C5F36183726DB2341BE58FEAE1DA2DECED843240F7B502BA659,,243F6A8885A308D313198A2E03707344A4093822299F31D0082EFA98EC4E6C89,6CFF5C3BA86C69EA4B7376F31A9BCB4F74C1976089B2D9963DA2E5543E177769961764B3AA9B2FFCB6EF947B6887A226E8D7C93E00C5ED0C1834FF0D0C2E6DA6,FALSE,negated s value
    9,,DFF1D77F2A671C5F36183726DB2341BE58FEAE1DA2DECED843240F7B502BA659,,243F6A8885A308D313198A2E03707344A4093822299F31D0082EFA98EC4E6C89,0000000000000000000000000000000000000000000000000000000000000000123DDA8328AF9C23A94C1FEECFD123BA4FB73476F0D594DCB65C6425BD186051,FALSE,sG - eP is infinite (x 0)
    10,,DFF1D77F2A671C5F36183726DB2341BE58FEAE1DA2DECED843240F7B502BA659,,243F6A8885A308D313198A2E03707344A4093822299F31D0082EFA98EC4E6C89,00000000000000000000000000000000000000000000000000000000000000017615FBAF5AE28864013C099742DEADB4DBA87F11AC6754F93780D5A1837CF197,FALSE,sG - eP is infinite (x 1)
    11,,DFF1D77F2A671C5F36183726DB2341BE58FEAE1DA2DECED843240F7B502BA659,,243F6A8885A308D313198A2E03707344A4093822299F31D0082EFA98EC4E6C89,4A298DACAE57395A15D0795DDBFD1DCB564DA82B0F269BC70A74F8220429BA1D69E89B4C5564D00349106B8497785DD7D1D713A8AE82B32FA79D5F7FC407D39B,FALSE,sig[0:32] is not an X coordinate on the curve
    12,,DFF1D77F2A671C5F36183726DB2341BE58FEAE1DA2DECED843240F7B502BA659,,243F6A8885A308D313198A2E03707344A4093822299F31D0082EFA98EC4E6C89,FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEFFFFFC2F69E89B4C5564D00349106B8497785DD7D1D713A8AE82B32FA79D5F7FC407D39B,FALSE,sig[0:32] is equal to field size
    13,,DFF1D77F2A671C5F36183726DB2341BE58FEAE1DA2DECED843240F7B502BA659,,243F6A8885A308D313198A2E03707344A4093822299F31D0082EFA98EC4E6C89,6CFF5C3BA86C69EA4B7376F31A9BCB4F74C1976089B2D9963DA2E5543E177769FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEBAAEDCE6AF48A03BBFD25E8CD0364141,FALSE,sig[32:64] is equal to curve order
    14,,FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEFFFFFC30,,243F6A8885A308D313198A2E03707344A4093822299F31D0082EFA98EC4E6C89,6CFF5C3BA86C69EA4B7376F31A9BCB4F74C1976089B2D9963DA2E5543E17776969E89B4C5564D00349106B8497785DD7D1D713A8AE82B32FA79D5F7FC407D39B,FALSE,public key exceeds the field size
    """)
  void officialVectors(int index, String secretKey, String publicKey, String auxRand, String message, String signature,
      boolean valid, String comment) {
    byte[] pub = Hex.decode(publicKey);
    byte[] msg = Hex.decode(message);
    byte[] sig = Hex.decode(signature);
    assertEquals(valid, EventVerifier.signatureValid(msg, pub, sig), "vector " + index + " " + comment);
    if (secretKey != null) {
      byte[] sk = Hex.decode(secretKey);
      assertEquals(publicKey.toLowerCase(Locale.ROOT), new EventSigner(sk).pubkey(), "x-only pubkey, vector " + index);
      assertArrayEquals(sig, Secp256k1.get().signSchnorr(msg, sk, Hex.decode(auxRand)), "signature, vector " + index);
    }
  }

  private static NostrEvent signedEvent() {
    return EventSigner.fromSeed(2024).sign(1700000000L, 5300, List.of(List.of("param", "max_results", "10")), "");
  }

  private static byte[] withScalar(byte[] sig, int offset, BigInteger value) {
    byte[] out = sig.clone();
    byte[] raw = value.toByteArray();
    byte[] fixed = new byte[32];
    int copy = Math.min(32, raw.length);
    System.arraycopy(raw, raw.length - copy, fixed, 32 - copy, copy);
    System.arraycopy(fixed, 0, out, offset, 32);
    return out;
  }

  @Test
  void signAndVerifyRoundTripsWithFixedKeys() throws Exception {
    for (long seed = 1; seed <= 20; seed++) {
      EventSigner signer = EventSigner.fromSeed(seed);
      assertEquals(signer.pubkey(), EventSigner.fromSeed(seed).pubkey(), "fromSeed is deterministic");
      NostrEvent e = signer.sign(1700000000L + seed, 5000 + (int) seed, List.of(List.of("i", "x" + seed, "text")), "c");
      assertTrue(Hex.isLowerHex(e.pubkey(), 64) && Hex.isLowerHex(e.id(), 64) && Hex.isLowerHex(e.sig(), 128));
      EventVerifier.verify(e);
    }
    assertNotEquals(EventSigner.fromSeed(1).pubkey(), EventSigner.fromSeed(2).pubkey());
  }

  @Test
  void everyFlippedBitFails() {
    NostrEvent e = signedEvent();
    byte[] msg = Hex.decode(e.id());
    byte[] pub = Hex.decode(e.pubkey());
    byte[] sig = Hex.decode(e.sig());
    assertTrue(EventVerifier.signatureValid(msg, pub, sig));
    for (int bit = 0; bit < 512; bit++) {
      byte[] s = sig.clone();
      s[bit / 8] ^= (byte) (1 << (bit % 8));
      assertFalse(EventVerifier.signatureValid(msg, pub, s), "sig bit " + bit);
    }
    for (int bit = 0; bit < 256; bit++) {
      byte[] m = msg.clone();
      m[bit / 8] ^= (byte) (1 << (bit % 8));
      assertFalse(EventVerifier.signatureValid(m, pub, sig), "msg bit " + bit);
      byte[] p = pub.clone();
      p[bit / 8] ^= (byte) (1 << (bit % 8));
      assertFalse(EventVerifier.signatureValid(msg, p, sig), "pubkey bit " + bit);
    }
  }

  @Test
  void outOfRangeScalarsFail() {
    NostrEvent e = signedEvent();
    byte[] msg = Hex.decode(e.id());
    byte[] pub = Hex.decode(e.pubkey());
    byte[] sig = Hex.decode(e.sig());
    BigInteger s = new BigInteger(1, Arrays.copyOfRange(sig, 32, 64));
    assertFalse(EventVerifier.signatureValid(msg, pub, withScalar(sig, 0, P)), "r = p");
    assertFalse(EventVerifier.signatureValid(msg, pub, withScalar(sig, 0, P.add(BigInteger.ONE))), "r = p + 1");
    assertFalse(EventVerifier.signatureValid(msg, pub, withScalar(sig, 32, N)), "s = n");
    BigInteger max = BigInteger.ONE.shiftLeft(256).subtract(BigInteger.ONE);
    assertFalse(EventVerifier.signatureValid(msg, pub, withScalar(sig, 32, max)), "s = 2^256-1");
    if (s.add(N).bitLength() <= 256) {
      assertFalse(EventVerifier.signatureValid(msg, pub, withScalar(sig, 32, s.add(N))), "s + n");
    }
    assertFalse(EventVerifier.signatureValid(msg, pub, withScalar(sig, 32, N.subtract(s))), "negated s");
    assertTrue(EventVerifier.signatureValid(msg, pub, withScalar(sig, 32, s)), "unchanged s still verifies");
  }

  @Test
  void pubkeyOffTheCurveOrTooLargeFails() {
    NostrEvent e = signedEvent();
    byte[] msg = Hex.decode(e.id());
    byte[] sig = Hex.decode(e.sig());
    BigInteger x = new BigInteger(1, Hex.decode(e.pubkey()));
    BigInteger exponent = P.subtract(BigInteger.ONE).shiftRight(1);
    BigInteger offCurve = x;
    do {
      offCurve = offCurve.add(BigInteger.ONE).mod(P);
    } while (offCurve.pow(3).add(BigInteger.valueOf(7)).mod(P).modPow(exponent, P).equals(BigInteger.ONE));
    assertFalse(EventVerifier.signatureValid(msg, withScalar(new byte[32], 0, offCurve), sig), "x^3+7 not a square");
    assertFalse(EventVerifier.signatureValid(msg, withScalar(new byte[32], 0, P), sig), "x = p");
    assertFalse(EventVerifier.signatureValid(msg, withScalar(new byte[32], 0, x.add(P)), sig), "x + p (not reduced)");
    assertFalse(EventVerifier.signatureValid(msg, new byte[32], sig), "x = 0");
  }

  @Test
  void wrongLengthsFailWithoutThrowing() {
    NostrEvent e = signedEvent();
    byte[] msg = Hex.decode(e.id());
    byte[] pub = Hex.decode(e.pubkey());
    byte[] sig = Hex.decode(e.sig());
    assertFalse(EventVerifier.signatureValid(msg, pub, Arrays.copyOf(sig, 63)));
    assertFalse(EventVerifier.signatureValid(msg, Arrays.copyOf(pub, 31), sig));
    assertFalse(EventVerifier.signatureValid(msg, Arrays.copyOf(pub, 33), sig));
  }

  @Test
  void signatureOfAnotherKeyIsBadSignature() {
    NostrEvent e = signedEvent();
    NostrEvent other = EventSigner.fromSeed(99).sign(e.createdAt(), e.kind(), e.tags(), e.content());
    NostrEvent mixed = new NostrEvent(e.id(), e.pubkey(), e.createdAt(), e.kind(), e.tags(), e.content(), other.sig());
    InvalidEventException ex = assertThrows(InvalidEventException.class,
      () -> EventVerifier.verify(mixed));
    assertEquals(RejectReason.BAD_SIGNATURE, ex.reason());
  }
}
