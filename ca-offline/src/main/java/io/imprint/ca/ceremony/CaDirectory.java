package io.imprint.ca.ceremony;

import io.imprint.ca.CaException;
import io.imprint.ca.issue.Pem;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

/**
 * The files of one CA, all public: {@code root.pem}, {@code issuing.pem}, {@code chain.pem} (issuing then
 * root), {@code ceremony.json}, {@code ca.conf}, the ledger ({@code issued.tsv}, {@code quotas.tsv}),
 * {@code revoked.tsv}, {@code crlnumber} and {@code crl.pem}. Keys are never here: they are in the token.
 *
 * <p>Immutable and thread-safe; writes replace files atomically.
 */
public record CaDirectory(Path path) {

    public Path root() {
        return path.resolve("root.pem");
    }

    public Path issuing() {
        return path.resolve("issuing.pem");
    }

    public Path chain() {
        return path.resolve("chain.pem");
    }

    public Path ceremony() {
        return path.resolve("ceremony.json");
    }

    public Path config() {
        return path.resolve("ca.conf");
    }

    public Path revoked() {
        return path.resolve("revoked.tsv");
    }

    public Path crlNumber() {
        return path.resolve("crlnumber");
    }

    public boolean initialised() {
        return Files.exists(chain());
    }

    /** Issuing certificate first, then the root. */
    public List<X509Certificate> loadChain() throws CaException {
        if (!initialised()) {
            throw new CaException("no CA in " + path + ": run 'imprint ca init' first (or pass --ca-dir)");
        }
        try {
            CertificateFactory factory = CertificateFactory.getInstance("X.509");
            List<X509Certificate> chain = new ArrayList<>();
            for (var c : factory.generateCertificates(new ByteArrayInputStream(Files.readAllBytes(chain())))) {
                chain.add((X509Certificate) c);
            }
            if (chain.size() != 2) {
                throw new CaException(chain() + " should hold the issuing and the root certificate, holds " + chain.size());
            }
            return chain;
        } catch (IOException | CertificateException e) {
            throw new CaException("cannot read " + chain() + ": " + e.getMessage(), e);
        }
    }

    public static String pem(X509Certificate cert) {
        try {
            return Pem.encode("CERTIFICATE", cert.getEncoded());
        } catch (java.security.cert.CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Writes through a temporary file and an atomic rename, so a reader never sees half a file. */
    public static void writeAtomically(Path file, String text) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, "." + file.getFileName(), ".tmp");
        try {
            Files.writeString(tmp, text, StandardCharsets.UTF_8);
            try (var ch = java.nio.channels.FileChannel.open(tmp, java.nio.file.StandardOpenOption.WRITE)) {
                ch.force(true);
            }
            try {
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
