package io.imprint.station.sync.azure;

import io.imprint.station.sync.online.RegistryCertificates;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/**
 * The bodies of DPS's service API 2021-10-01 that the station sends and reads (definitions in Azure's
 * {@code service.json}), as records for Jackson. Absent fields stay absent on the wire; fields DPS adds
 * that the station does not use (registrationState, timestamps…) are ignored on reading.
 *
 * <p>Records: immutable and thread-safe.
 */
final class DpsBodies {

    static final String API_VERSION = "2021-10-01";

    private DpsBodies() {
    }

    /** BulkEnrollmentOperation: {@code mode} create|update|updateIfMatchETag|delete, at most 10 enrollments. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record BulkOperation(String mode, List<Enrollment> enrollments) {
    }

    /** IndividualEnrollment, the parts the station writes or compares. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Enrollment(String registrationId, Attestation attestation, InitialTwin initialTwin, String provisioningStatus, String etag) {

        /** SHA-256 of the primary client certificate, lower-case hex, from DPS's info or else from the PEM; null if neither. */
        String certificateSha256() {
            if (attestation == null || attestation.x509() == null || attestation.x509().clientCertificates() == null
                    || attestation.x509().clientCertificates().primary() == null) {
                return null;
            }
            return attestation.x509().clientCertificates().primary().sha256();
        }
    }

    /** AttestationMechanism; the station only ever writes {@code type} x509. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Attestation(String type, X509Attestation x509) {
        static Attestation clientCertificate(String pem) {
            return new Attestation("x509", new X509Attestation(new X509Certificates(new CertificateWithInfo(pem, null))));
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties(ignoreUnknown = true)
    record X509Attestation(X509Certificates clientCertificates) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties(ignoreUnknown = true)
    record X509Certificates(CertificateWithInfo primary) {
    }

    /** X509CertificateWithInfo: DPS takes {@code certificate} and answers with {@code info} (the PEM often left out). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties(ignoreUnknown = true)
    record CertificateWithInfo(String certificate, CertificateInfo info) {
        String sha256() {
            if (info != null && info.sha256Thumbprint() != null && !info.sha256Thumbprint().isBlank()) {
                return RegistryCertificates.normalisedHex(info.sha256Thumbprint());
            }
            return certificate == null ? null : RegistryCertificates.sha256OrNull(certificate);
        }
    }

    /** X509CertificateInfo, the fields the station reads. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties(ignoreUnknown = true)
    record CertificateInfo(String subjectName, String sha1Thumbprint, String sha256Thumbprint, String issuerName,
                           String notBeforeUtc, String notAfterUtc, String serialNumber, Integer version) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties(ignoreUnknown = true)
    record InitialTwin(Map<String, Object> tags) {
    }

    /** BulkEnrollmentOperationResult. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties(ignoreUnknown = true)
    record BulkResult(@JsonProperty("isSuccessful") boolean isSuccessful, List<BulkError> errors) {
        BulkResult {
            errors = errors == null ? List.of() : List.copyOf(errors);
        }
    }

    /** BulkEnrollmentOperationError: errorCode is DPS's six-digit code, its first three digits an HTTP status. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record BulkError(String registrationId, int errorCode, String errorStatus) {
        int httpStatus() {
            return errorCode >= 100_000 ? errorCode / 1000 : errorCode;
        }
    }

    /** ProvisioningServiceErrorDetails, the body of every error answer. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties(ignoreUnknown = true)
    record ErrorDetails(Integer errorCode, String trackingId, String message) {
    }

    /** QuerySpecification. */
    record QuerySpecification(String query) {
    }
}
