package io.imprint.ca;

import io.imprint.ca.ceremony.CaDirectory;
import io.imprint.ca.crl.CrlPublisher;
import io.imprint.ca.crl.RevocationReason;
import io.imprint.ca.crl.Revocations;
import io.imprint.ca.issue.CertificateAuthority;
import io.imprint.ca.issue.FileIssuanceLedger;
import io.imprint.ca.key.KeyManager;
import io.imprint.ca.key.KeyManagers;
import io.imprint.ca.key.KeyUri;
import io.imprint.ca.profile.CaConfig;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * An opened CA: its directory, its configuration, its keys (logged in) and its ledger. What the
 * {@code imprint ca} commands work on.
 *
 * <p>Thread-safe for issuance through {@link #authority()}; revocation and CRLs are serialised.
 */
public final class OfflineCa implements AutoCloseable {

    private final CaDirectory directory;
    private final KeyManager keys;
    private final FileIssuanceLedger ledger;
    private final CertificateAuthority authority;
    private final Clock clock;

    private OfflineCa(CaDirectory directory, KeyManager keys, FileIssuanceLedger ledger, CertificateAuthority authority, Clock clock) {
        this.directory = directory;
        this.keys = keys;
        this.ledger = ledger;
        this.authority = authority;
        this.clock = clock;
    }

    /** The config file named, or the CA directory's own, or the defaults. */
    public static CaConfig config(CaDirectory directory, Optional<Path> file) throws CaException {
        Path path = file.orElse(directory.config());
        if (file.isPresent() && !Files.exists(path)) {
            throw new CaException("config file " + path + " does not exist");
        }
        try {
            return Files.exists(path) ? CaConfig.load(path) : CaConfig.defaults();
        } catch (IOException | IllegalArgumentException e) {
            throw new CaException(e.getMessage(), e);
        }
    }

    /** The key URI named on the command line, or the one the ceremony recorded in the config. */
    public static KeyUri keyUri(Optional<String> given, CaConfig config) throws CaException {
        String uri = given.or(config::keyUri).orElseThrow(() -> new CaException("no key URI: pass --key pkcs11:token=…;object=… or set key.uri in ca.conf"));
        try {
            return KeyUri.parse(uri);
        } catch (IllegalArgumentException e) {
            throw new CaException(e.getMessage(), e);
        }
    }

    public static OfflineCa open(CaDirectory directory, CaConfig config, KeyUri uri, Consumer<String> warnings, Clock clock) throws CaException {
        var chain = directory.loadChain();
        FileIssuanceLedger ledger = FileIssuanceLedger.open(directory.path());
        KeyManager keys = null;
        try {
            keys = KeyManagers.open(uri, warnings);
            var issuing = keys.signer(uri.object().orElse(config.issuingObject()));
            return new OfflineCa(directory, keys, ledger, new CertificateAuthority(issuing, chain, config, ledger, clock), clock);
        } catch (CaException | RuntimeException e) {
            ledger.close();
            if (keys != null) {
                keys.close();
            }
            throw e;
        }
    }

    public CertificateAuthority authority() {
        return authority;
    }

    public CaDirectory directory() {
        return directory;
    }

    public synchronized Revocations.Revocation revoke(BigInteger serial, RevocationReason reason) throws CaException {
        if (ledger.find(serial).isEmpty()) {
            throw new CaException("refused: serial " + serial.toString(16) + " was not issued by this CA (not in " + directory.path().resolve("issued.tsv") + ")");
        }
        return new Revocations(directory.revoked()).revoke(serial, clock.instant(), reason);
    }

    /** Signs a new CRL with the next CRL number and writes it to {@code crl.pem} (and returns it). */
    public synchronized String publishCrl(Duration nextUpdateIn) throws CaException {
        return publishCrl(nextUpdateIn, List.of());
    }

    /**
     * Signs a CRL of this directory's revocations and {@code alsoRevoked} (revocations recorded
     * elsewhere, e.g. a station's batch log); a serial in both is listed once, as this directory has it.
     */
    public synchronized String publishCrl(Duration nextUpdateIn, List<Revocations.Revocation> alsoRevoked) throws CaException {
        return publishCrl(directory, authority, clock, nextUpdateIn, alsoRevoked);
    }

    /** As {@link #publishCrl(Duration, List)}, for a caller that has the authority open already (a station). */
    public static String publishCrl(CaDirectory directory, CertificateAuthority authority, Clock clock, Duration nextUpdateIn,
                                    List<Revocations.Revocation> alsoRevoked) throws CaException {
        try {
            BigInteger number = Files.exists(directory.crlNumber())
                    ? new BigInteger(Files.readString(directory.crlNumber()).strip()).add(BigInteger.ONE) : BigInteger.ONE;
            java.util.Map<BigInteger, Revocations.Revocation> revoked = new java.util.LinkedHashMap<>();
            new Revocations(directory.revoked()).all().forEach(r -> revoked.put(r.serial(), r));
            alsoRevoked.forEach(r -> revoked.putIfAbsent(r.serial(), r));
            String crl = CrlPublisher.publish(authority.issuingKey(), authority.chain().getFirst(),
                    List.copyOf(revoked.values()), number, clock.instant(), nextUpdateIn);
            CaDirectory.writeAtomically(directory.crlNumber(), number + "\n");
            CaDirectory.writeAtomically(directory.path().resolve("crl.pem"), crl);
            return crl;
        } catch (IOException | NumberFormatException e) {
            throw new CaException("cannot publish the CRL in " + directory.path() + ": " + e.getMessage(), e);
        }
    }

    public FileIssuanceLedger ledger() {
        return ledger;
    }

    @Override
    public void close() {
        ledger.close();
        keys.close();
    }
}
