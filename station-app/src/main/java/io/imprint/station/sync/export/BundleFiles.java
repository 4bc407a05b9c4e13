package io.imprint.station.sync.export;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * The names and digests a bundle's signed list is made of, shared by the writer and the verifier so the
 * two cannot disagree on a byte. The list is {@code sha256sum}'s own format, so {@code sha256sum -c
 * SHA256SUMS} checks the files on any machine; the signature over it needs {@code imprint export verify}.
 *
 * <p>Stateless and thread-safe.
 */
final class BundleFiles {

    static final String SUMS = "SHA256SUMS";
    static final String SIGNATURE = "SHA256SUMS.sig";
    static final String SIGNER = "station-key.pem";
    /** Plain names only: a list that names {@code ../x} or a folder could send a verifier outside the bundle. */
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");

    private BundleFiles() {
    }

    static boolean validName(String name) {
        return NAME.matcher(name).matches() && !name.equals(SUMS) && !name.equals(SIGNATURE) && !name.equals(SIGNER);
    }

    static String sha256(Path file) throws IOException {
        MessageDigest digest = digest();
        byte[] buffer = new byte[1 << 16];
        try (InputStream in = Files.newInputStream(file)) {
            for (int n; (n = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, n);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    static String sha256(byte[] bytes) {
        return HexFormat.of().formatHex(digest().digest(bytes));
    }

    private static MessageDigest digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }
}
