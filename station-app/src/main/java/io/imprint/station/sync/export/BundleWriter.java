package io.imprint.station.sync.export;

import io.imprint.station.audit.ChainSigner;
import io.imprint.station.audit.StationKeys;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.Comparator;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Writes an export bundle into a hidden folder beside its target, then signs the list of its files and
 * moves the folder into place in one rename: a refused or failed export leaves nothing, and a bundle that
 * exists is whole and signed.
 *
 * <p>Not thread-safe: one export writes one bundle.
 */
final class BundleWriter implements AutoCloseable {

    private final Path target;
    private final Path work;
    private final TreeMap<String, Path> files = new TreeMap<>();
    private boolean sealed;

    private BundleWriter(Path target, Path work) {
        this.target = target;
        this.work = work;
    }

    /** A bundle for {@code target}, which must not exist yet or be an empty folder. */
    static BundleWriter create(Path target) throws ExportException {
        Path t = target.toAbsolutePath().normalize();
        if (Files.isRegularFile(t)) {
            throw ExportException.refused(t + " is a file: --out names the folder the bundle goes to");
        }
        try {
            if (Files.isDirectory(t)) {
                try (Stream<Path> in = Files.list(t)) {
                    if (in.findAny().isPresent()) {
                        throw ExportException.refused(t + " is not empty: give a new folder, so an earlier bundle is never mixed with this one");
                    }
                }
            }
            Files.createDirectories(t.getParent());
            return new BundleWriter(t, Files.createTempDirectory(t.getParent(), "." + t.getFileName() + ".part-"));
        } catch (IOException e) {
            throw ExportException.failed("cannot write the bundle beside " + t + ": " + e.getMessage(), e);
        }
    }

    /** A new file of the bundle; the caller closes the stream. */
    OutputStream file(String name) throws IOException {
        if (!BundleFiles.validName(name) || files.containsKey(name)) {
            throw new IllegalArgumentException("not a bundle file name, or written twice: " + name);
        }
        Path file = work.resolve(name);
        files.put(name, file);
        return new BufferedOutputStream(Files.newOutputStream(file, StandardOpenOption.CREATE_NEW), 1 << 16);
    }

    /** The files written so far, not counting the signed list, its signature and the key. */
    int files() {
        return files.size();
    }

    /** Lists and signs the files, then moves the bundle into place; returns the SHA-256 of the signed list. */
    String seal(ChainSigner signer) throws ExportException {
        try {
            StringBuilder sums = new StringBuilder();
            for (var f : files.entrySet()) {
                sums.append(BundleFiles.sha256(f.getValue())).append("  ").append(f.getKey()).append('\n');
            }
            byte[] list = sums.toString().getBytes(StandardCharsets.US_ASCII);
            byte[] signature = signer.sign(list);
            Files.write(work.resolve(BundleFiles.SUMS), list);
            Files.writeString(work.resolve(BundleFiles.SIGNATURE), "key-id: " + StationKeys.keyId(signer.publicKey()) + "\nalgorithm: "
                    + signer.algorithm() + "\nsignature: " + Base64.getEncoder().encodeToString(signature) + "\n", StandardCharsets.US_ASCII);
            Files.writeString(work.resolve(BundleFiles.SIGNER), StationKeys.pem(signer.publicKey()), StandardCharsets.US_ASCII);
            if (Files.isDirectory(target)) {
                Files.delete(target); // empty, checked at create: the rename below needs the name free
            }
            Files.move(work, target, StandardCopyOption.ATOMIC_MOVE);
            sealed = true;
            return BundleFiles.sha256(list);
        } catch (DirectoryNotEmptyException e) {
            throw ExportException.refused(target + " got files while the export ran: nothing moved there");
        } catch (IOException e) {
            throw ExportException.failed("cannot finish the bundle " + target + ": " + e.getMessage(), e);
        } catch (GeneralSecurityException e) {
            throw ExportException.failed("the station key could not sign the bundle: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() throws ExportException {
        if (sealed) {
            return;
        }
        try (Stream<Path> walk = Files.walk(work)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw ExportException.failed("cannot remove the unfinished bundle " + work + ": " + e.getMessage(), e);
        }
    }
}
