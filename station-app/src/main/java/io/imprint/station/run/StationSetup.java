package io.imprint.station.run;

import io.imprint.ca.CaException;
import io.imprint.ca.OfflineCa;
import io.imprint.ca.ceremony.CaDirectory;
import io.imprint.ca.issue.CertificateAuthority;
import io.imprint.ca.issue.MemoryIssuanceLedger;
import io.imprint.ca.key.KeyManager;
import io.imprint.ca.key.KeyManagers;
import io.imprint.ca.key.KeyUri;
import io.imprint.ca.key.SecretSealer;
import io.imprint.ca.profile.CaConfig;
import io.imprint.station.account.Accounts;
import io.imprint.station.audit.AuditTrail;
import io.imprint.station.audit.ChainSigner;
import io.imprint.station.audit.TokenChainSigner;
import io.imprint.station.batch.Batches;
import io.imprint.station.claim.ClaimCredentials;
import io.imprint.station.engine.Reconciler;
import io.imprint.station.engine.Station;
import io.imprint.station.store.StationDatabase;
import io.imprint.station.store.StoreException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Opens a whole station from its data directory: the CA directory and key URI (the HSM, logged in),
 * the batch log, the audit trail signed by the station's own key in the same token. Reconciles what a
 * previous run left unfinished before anything else happens.
 *
 * <p>Not thread-safe; the opened {@link Station} is.
 */
public final class StationSetup implements AutoCloseable {

    public static final String AUDIT_KEY = "station-audit";
    public static final int CHECKPOINT_EVERY = 100;

    private final KeyManager keys;
    private final StationDatabase db;
    private final Station station;
    private final Batches batches;
    private final CaConfig config;
    private final KeyUri keyUri;
    private final Accounts accounts;
    private final CaDirectory caDirectory;
    private final ChainSigner stationSigner;

    private StationSetup(KeyManager keys, StationDatabase db, Station station, Batches batches, CaConfig config, KeyUri keyUri, Accounts accounts,
                         CaDirectory caDirectory, ChainSigner stationSigner) {
        this.caDirectory = caDirectory;
        this.stationSigner = stationSigner;
        this.keys = keys;
        this.db = db;
        this.station = station;
        this.batches = batches;
        this.config = config;
        this.keyUri = keyUri;
        this.accounts = accounts;
    }

    /** Logs in to the key backend: with the URI's pin-source, or with a PIN someone typed. */
    @FunctionalInterface
    private interface KeyLogin {
        KeyManager open(KeyUri uri, Consumer<String> warnings) throws CaException;
    }

    /**
     * @param dataDir   where the CA directory ({@code ca/}) and the batch log ({@code station.mv.db}) live
     * @param keyUri    the CA key URI, or empty for the one the key ceremony recorded
     * @param stationId this station's name
     */
    public static StationSetup open(Path dataDir, Optional<String> keyUri, String stationId, Consumer<String> warnings) throws CaException, StoreException {
        return open(dataDir, keyUri, stationId, warnings, KeyManagers::open);
    }

    /**
     * As {@link #open(Path, Optional, String, Consumer)}, logging in with {@code pin} (the station
     * screen's PIN dialog) rather than the key URI's pin-source. The PIN is wiped before this returns.
     */
    public static StationSetup open(Path dataDir, Optional<String> keyUri, String stationId, char[] pin, Consumer<String> warnings) throws CaException, StoreException {
        try {
            return open(dataDir, keyUri, stationId, warnings, (uri, w) -> KeyManagers.open(uri, pin, w));
        } finally {
            java.util.Arrays.fill(pin, '\0');
        }
    }

    private static StationSetup open(Path dataDir, Optional<String> keyUri, String stationId, Consumer<String> warnings, KeyLogin login) throws CaException, StoreException {
        CaDirectory caDir = new CaDirectory(dataDir.resolve("ca"));
        CaConfig config = OfflineCa.config(caDir, Optional.empty());
        KeyUri uri = OfflineCa.keyUri(keyUri, config);
        KeyManager keys = login.open(uri, warnings);
        StationDatabase db = null;
        try {
            CertificateAuthority ca = new CertificateAuthority(keys.signer(uri.object().orElse(config.issuingObject())), caDir.loadChain(), config,
                    new MemoryIssuanceLedger(), Clock.systemUTC());
            db = StationDatabase.open(dataDir.resolve("station"));
            ChainSigner stationSigner = TokenChainSigner.getOrCreate(keys, AUDIT_KEY, stationId, Clock.systemUTC());
            AuditTrail audit = new AuditTrail(stationId, stationSigner, CHECKPOINT_EVERY, Clock.systemUTC());
            Station station = new Station(stationId, db, ca, audit, Clock.systemUTC());
            if (keys instanceof SecretSealer sealer) {
                station = station.withClaims(new ClaimCredentials(db, ca, audit, sealer, Clock.systemUTC()));
            }
            Reconciler.reconcile(station);
            // The local zone: a lockout message tells the operator the time on the wall clock.
            Accounts accounts = new Accounts(db, audit, Clock.systemDefaultZone());
            return new StationSetup(keys, db, station, new Batches(db, audit, Clock.systemUTC()), config, uri, accounts, caDir, stationSigner);
        } catch (CaException | StoreException | RuntimeException e) {
            if (db != null) {
                db.close();
            }
            keys.close();
            throw e;
        }
    }

    public Station station() {
        return station;
    }

    public Batches batches() {
        return batches;
    }

    /** The CA directory of this station's data directory (public files and ca.conf; never keys). */
    public CaDirectory caDirectory() {
        return caDirectory;
    }

    /** The CA's configuration (profiles, key URI) as ca.conf had it when the station opened. */
    public CaConfig caConfig() {
        return config;
    }

    /** The CA key URI the station logged in with. */
    public KeyUri keyUri() {
        return keyUri;
    }

    /** The station's own key in the token (the one that signs audit checkpoints): it signs export bundles too. */
    public ChainSigner stationSigner() {
        return stationSigner;
    }

    /**
     * The certificate stored beside the station key in the token (self-signed when the key was made): a
     * signed manifest names its signer by it. Empty when the token holds none.
     */
    public java.util.Optional<java.security.cert.X509Certificate> stationCertificate() {
        try {
            return io.imprint.ca.key.KeyManagers.certificateStore(keys).chain(AUDIT_KEY).stream().findFirst();
        } catch (io.imprint.ca.key.KeyManagerException e) {
            return java.util.Optional.empty();
        }
    }

    public Accounts accounts() {
        return accounts;
    }

    /**
     * Logs the HSM in again after it was lost mid-shift (pulled and put back, power-cycled), with a PIN
     * someone typed (wiped before this returns). The CA's, the audit trail's and the claim sealer's keys
     * follow the new login; the issuing key then signs once, so "unlocked" means it signs again.
     *
     * @throws CaException the HSM is not there, refused the PIN, or still cannot sign; or the key store
     *         is a software one, which cannot be lost this way
     */
    public void relogin(char[] pin) throws CaException {
        try {
            if (!(keys instanceof io.imprint.ca.key.Relogin again)) {
                throw new CaException(keys.describe() + " cannot log in again while the station runs: restart the station");
            }
            again.relogin(pin.clone());
            var signer = station.ca().issuingKey().contentSigner();
            try (var out = signer.getOutputStream()) {
                out.write(keyUri.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
            }
            signer.getSignature();
        } catch (java.io.IOException | RuntimeException e) {
            throw new CaException("the CA key did not sign after the new login: " + e.getMessage(), e);
        } finally {
            java.util.Arrays.fill(pin, '\0');
        }
    }

    @Override
    public void close() {
        db.close();
        keys.close();
    }
}
