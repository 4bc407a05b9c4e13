package io.imprint.ca.issue;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** PEM encoding (BouncyCastle's PemWriter) and SHA-256 fingerprints. Stateless and thread-safe. */
public final class Pem {

    private Pem() {
    }

    /**
     * {@code der} as PEM of {@code type}, 64-character lines, every line ending in {@code \n}. PemWriter ends
     * lines the platform's way; a station on Windows must store and compare the same text as one on Linux.
     */
    public static String encode(String type, byte[] der) {
        java.io.StringWriter out = new java.io.StringWriter();
        try (org.bouncycastle.util.io.pem.PemWriter writer = new org.bouncycastle.util.io.pem.PemWriter(out)) {
            writer.writeObject(new org.bouncycastle.util.io.pem.PemObject(type, der));
        } catch (java.io.IOException e) {
            throw new IllegalStateException("a StringWriter does not fail", e);
        }
        return out.toString().replace("\r\n", "\n");
    }

    public static String sha256Hex(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
