package io.imprint.station.sync.export;

import io.imprint.station.audit.AuditEvent;
import io.imprint.station.audit.AuditTrail;
import io.imprint.station.audit.ChainSigner;
import io.imprint.station.batch.Batch;
import io.imprint.station.batch.BatchRepository;
import io.imprint.station.batch.Strategy;
import io.imprint.station.store.StationDatabase;
import io.imprint.station.store.StoreException;
import io.imprint.station.store.Transactions;
import io.imprint.station.util.JsonText;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * Makes offline export bundles of a batch for a cloud registry: read in one snapshot of the batch log,
 * written through a {@link BundleWriter} (nothing left behind on a refusal), signed by the station key,
 * and recorded in the audit trail.
 *
 * <p>Thread-safe: no mutable state; each export uses its own connection and bundle.
 */
public final class Exports {

    /** What an export made. {@code leftOut}: boards of the batch not exported (failed, revoked, unfinished). */
    public record Result(Path bundle, long devices, long leftOut, int files, String sumsSha256) {
    }

    private static final BatchRepository BATCHES = new BatchRepository();

    private final StationDatabase db;
    private final AuditTrail audit;
    private final List<X509Certificate> caChain;
    private final ChainSigner signer;
    private final Optional<X509Certificate> signerCertificate;

    /**
     * @param caChain the CA's certificates, issuing first: the certificate the boards' certificates name as issuer
     * @param signerCertificate the station key's certificate, which a manifest names as its signer (none: no manifest)
     */
    public Exports(StationDatabase db, AuditTrail audit, List<X509Certificate> caChain, ChainSigner signer, Optional<X509Certificate> signerCertificate) {
        this.db = db;
        this.audit = audit;
        this.caChain = List.copyOf(caChain);
        this.signer = signer;
        this.signerCertificate = signerCertificate;
    }

    public Result export(String batchId, ExportTarget target, Path out, String actor) throws ExportException, StoreException {
        Result result;
        try (Connection tx = snapshot()) {
            try {
                Batch batch = BATCHES.find(tx, batchId).orElseThrow(() -> ExportException.refused("no batch " + batchId + " in the batch log"));
                if (batch.strategy() == Strategy.CLAIM && target.needsDeviceCertificates()) {
                    throw ExportException.refused("batch " + batchId + " provisions by claim: its boards hold the batch's claim certificate, not one of "
                            + "their own, and get theirs in the field (" + (target == ExportTarget.AWS ? "AWS IoT fleet provisioning: register the "
                            + "claim certificate and its provisioning template instead" : "DPS: make an enrollment group with the claim CA instead")
                            + "); a csv or manifest export lists what the station recorded");
                }
                result = write(tx, batch, target, out);
            } finally {
                tx.rollback();
                try (Statement reset = tx.createStatement()) {
                    reset.execute("SET SESSION CHARACTERISTICS AS TRANSACTION ISOLATION LEVEL READ COMMITTED");
                    reset.execute("SET LAZY_QUERY_EXECUTION FALSE");
                }
                tx.setAutoCommit(true); // the pooled connection goes back as it came
            }
        } catch (SQLException e) {
            throw new StoreException("batch log " + db.file() + ": " + e.getMessage(), e);
        }
        // A checkpoint right after: the export's record is signed at once, and the trail names the key
        // that signed the bundle (what `imprint audit export --key-out` hands to whoever verifies it).
        Transactions.inTransaction(db, tx -> {
            audit.append(tx, new AuditEvent(actor, "export.written", batchId, JsonText.of("target", target.id(),
                    "devices", result.devices(), "leftOut", result.leftOut(), "files", result.files(), "sha256sums", result.sumsSha256())));
            audit.checkpoint(tx);
            return null;
        });
        return result;
    }

    private Result write(Connection tx, Batch batch, ExportTarget target, Path out) throws ExportException, StoreException {
        long boards = ExportReader.boards(tx, batch.id());
        try (BundleWriter bundle = BundleWriter.create(out)) {
            long devices;
            long leftOut;
            try {
                devices = switch (target) {
                    case AWS -> {
                        try (AwsBulkExport aws = AwsBulkExport.open(batch, caPem(), bundle)) {
                            yield ExportReader.forEach(tx, batch.id(), aws::add);
                        }
                    }
                    case AZURE -> {
                        try (AzureDpsExport azure = AzureDpsExport.open(batch, bundle)) {
                            yield ExportReader.forEach(tx, batch.id(), azure::add);
                        }
                    }
                    case NRFCLOUD -> {
                        try (NrfCloudExport nrf = new NrfCloudExport(batch, bundle.file(NrfCloudExport.FILE))) {
                            yield ExportReader.forEach(tx, batch.id(), nrf::add);
                        }
                    }
                    case MANIFEST -> {
                        X509Certificate signed = signerCertificate.orElseThrow(() -> ExportException.refused(
                                "the station key has no certificate to name as the manifest's signer"));
                        try (ManifestExport manifest = ManifestExport.open(batch, caCertificate(), signer, signed, bundle)) {
                            yield ExportReader.forEach(tx, batch.id(), manifest::add);
                        }
                    }
                    case CSV -> {
                        try (CsvExport csv = new CsvExport(bundle.file(CsvExport.FILE))) {
                            yield ExportReader.forEach(tx, batch.id(), csv::add);
                        }
                    }
                };
                leftOut = boards - devices;
                if (devices == 0) {
                    throw ExportException.refused("batch " + batch.id() + " has no provisioned boards to export yet");
                }
                try (OutputStream readme = bundle.file("README.txt")) {
                    readme.write(readme(batch, target, devices, leftOut).getBytes(StandardCharsets.UTF_8));
                }
            } catch (IOException | UncheckedIOException e) {
                throw ExportException.failed("cannot write the export of " + batch.id() + ": " + e.getMessage(), e);
            }
            String sums = bundle.seal(signer);
            return new Result(out.toAbsolutePath().normalize(), devices, leftOut, bundle.files(), sums);
        }
    }

    private static String readme(Batch batch, ExportTarget target, long devices, long leftOut) {
        return """
                Imprint export of batch %s (%s, role %s) for %s.
                %d provisioned board(s); %d board(s) of the batch left out (failed, revoked or unfinished).
                SHA256SUMS lists every file; SHA256SUMS.sig is the station key's signature over it.
                Check it anywhere:  imprint export verify <this folder> --station-key station-key.pem
                (with the station key you trust, not only the copy in this folder); or the files alone: sha256sum -c SHA256SUMS
                %s
                """.formatted(batch.id(), batch.product(), batch.role(), target.id(), devices, leftOut, howToImport(target));
    }

    private static String howToImport(ExportTarget target) {
        return switch (target) {
            case AWS -> "Import: commands.sh (aws s3 cp of devices.ndjson, then aws iot start-thing-registration-task with provisioning-template.json).";
            case AZURE -> "Import: commands.sh (one POST /enrollments?api-version=2021-10-01 per enrollments-NNNN.json, with a DPS SAS token).";
            case NRFCLOUD -> "Import: onboard.csv in the nRF Cloud portal's bulk onboarding, or the REST API's OnboardDevices.";
            case MANIFEST -> "Import: manifest.json wherever a Microchip-style manifest is taken; manifest-signer.pem is the certificate its kid and x5t#S256 name.";
            case CSV -> "devices.csv: one row per board; cells that a spreadsheet would run as a formula start with an apostrophe.";
        };
    }

    private X509Certificate caCertificate() throws ExportException {
        if (caChain.isEmpty()) {
            throw ExportException.refused("the station has no CA chain to name as the certificates' issuer");
        }
        return caChain.getFirst();
    }

    private String caPem() throws ExportException {
        X509Certificate ca = caCertificate();
        try {
            String b64 = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(ca.getEncoded());
            return "-----BEGIN CERTIFICATE-----\n" + b64 + "\n-----END CERTIFICATE-----\n";
        } catch (CertificateEncodingException e) {
            throw ExportException.failed("cannot encode the CA certificate: " + e.getMessage(), e);
        }
    }

    private Connection snapshot() throws StoreException, SQLException {
        Connection c = db.connection();
        try (Statement s = c.createStatement()) {
            s.execute("SET SESSION CHARACTERISTICS AS TRANSACTION ISOLATION LEVEL SNAPSHOT");
            // Rows as the cursor reaches them, not the whole result first: a million boards with their PEMs
            // would otherwise be gathered (in memory, then a temporary file) before the first is written.
            s.execute("SET LAZY_QUERY_EXECUTION TRUE");
            c.setAutoCommit(false);
            return c;
        } catch (SQLException e) {
            c.close();
            throw e;
        }
    }
}
