package io.imprint.station.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.interfaces.ECPrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Looks for a private key in a file's bytes, in every form a leak would take: the PKCS#8 DER, the raw
 * private scalar, and their hex and Base64 texts (a log line, a PEM block).
 */
public final class SecretScan {

    /** The station's test log (see logback-test.xml), relative to the module's directory where surefire runs. */
    public static final Path TEST_LOG = Path.of("target", "station-test.log");

    private SecretScan() {
    }

    /** The forms of an EC private key given as PKCS#8 DER. */
    public static Map<String, byte[]> forms(byte[] pkcs8) throws Exception {
        ECPrivateKey key = (ECPrivateKey) KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
        byte[] scalar = fixed(key.getS(), (key.getParams().getCurve().getField().getFieldSize() + 7) / 8);
        Map<String, byte[]> forms = new LinkedHashMap<>();
        forms.put("PKCS#8 DER", pkcs8);
        forms.put("private scalar", scalar);
        forms.put("PKCS#8 hex", ascii(HexFormat.of().formatHex(pkcs8)));
        forms.put("scalar hex", ascii(HexFormat.of().formatHex(scalar)));
        forms.put("scalar HEX", ascii(HexFormat.of().withUpperCase().formatHex(scalar)));
        forms.put("PKCS#8 Base64", ascii(Base64.getEncoder().encodeToString(pkcs8)));
        forms.put("PKCS#8 PEM line", ascii(Base64.getEncoder().encodeToString(pkcs8).substring(0, 64)));
        forms.put("scalar decimal", ascii(key.getS().toString()));
        return forms;
    }

    /** Fails naming the file and the form if any form of the key is in the file. */
    public static void assertAbsent(Path file, byte[] pkcs8) throws Exception {
        assertThat(file).exists();
        assertAbsent(Files.readAllBytes(file), file.toString(), pkcs8);
    }

    /** Fails naming {@code where} and the form if any form of the key is in {@code content}. */
    public static void assertAbsent(byte[] content, String where, byte[] pkcs8) throws Exception {
        forms(pkcs8).forEach((form, needle) ->
                assertThat(indexOf(content, needle)).as(form + " of the key in " + where).isEqualTo(-1));
    }

    public static boolean contains(Path file, byte[] needle) throws Exception {
        return indexOf(Files.readAllBytes(file), needle) >= 0;
    }

    static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private static byte[] fixed(BigInteger value, int length) {
        byte[] raw = value.toByteArray();
        byte[] out = new byte[length];
        int copy = Math.min(raw.length, length);
        System.arraycopy(raw, raw.length - copy, out, length - copy, copy);
        return out;
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
