package io.imprint.ca.ceremony;

import io.imprint.ca.CaException;
import io.imprint.ca.issue.Pem;
import io.imprint.ca.key.CertificateStore;
import io.imprint.ca.key.KeyManager;
import io.imprint.ca.key.KeyManagers;
import io.imprint.ca.key.KeySigner;
import io.imprint.ca.profile.CaConfig;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;

/**
 * The key ceremony: a root CA key and an issuing CA key made in the token, the root certificate
 * self-signed, the issuing certificate signed by the root, both stored in the token beside their keys,
 * and the public record written to the CA directory. Refuses to touch existing keys or an existing CA.
 *
 * <p>Not thread-safe; run once per CA.
 */
public final class KeyCeremony {

    /** What the ceremony produced. */
    public record Result(X509Certificate root, X509Certificate issuing, Path ceremonyRecord) {
    }

    private final KeyManager keys;
    private final CaConfig config;
    private final CaDirectory directory;
    private final Clock clock;

    public KeyCeremony(KeyManager keys, CaConfig config, CaDirectory directory, Clock clock) {
        this.keys = keys;
        this.config = config;
        this.directory = directory;
        this.clock = clock;
    }

    public Result run(String keyUriWithoutPin) throws CaException {
        if (directory.initialised()) {
            throw new CaException("refused: " + directory.path() + " already holds a CA (" + directory.chain().getFileName() + "); a ceremony never overwrites one");
        }
        for (String object : List.of(config.rootObject(), config.issuingObject())) {
            if (keys.exists(object)) {
                throw new CaException("refused: key '" + object + "' already exists in " + keys.describe() + "; a ceremony never overwrites keys");
            }
        }
        CertificateStore store = KeyManagers.certificateStore(keys);
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        try {
            KeySigner rootKey = keys.createKey(config.rootObject(), config.rootKeyType());
            X500Name rootName = name(config.rootCommonName());
            X509Certificate root = caCertificate(rootName, rootName, rootKey, rootKey, now, now.plus(config.rootValidity()), 1, null);
            store.storeChain(config.rootObject(), List.of(root));

            KeySigner issuingKey = keys.createKey(config.issuingObject(), config.issuingKeyType());
            X509Certificate issuing = caCertificate(rootName, name(config.issuingCommonName()), issuingKey, rootKey, now,
                    min(now.plus(config.issuingValidity()), root.getNotAfter().toInstant()), 0, root);
            store.storeChain(config.issuingObject(), List.of(issuing, root));

            String rootPem = CaDirectory.pem(root);
            String issuingPem = CaDirectory.pem(issuing);
            CaDirectory.writeAtomically(directory.root(), rootPem);
            CaDirectory.writeAtomically(directory.issuing(), issuingPem);
            CaDirectory.writeAtomically(directory.ceremony(), record(now, keyUriWithoutPin, root, issuing));
            if (!java.nio.file.Files.exists(directory.config())) {
                CaDirectory.writeAtomically(directory.config(), CaConfig.defaultFileText()
                        + "\n# Written by the key ceremony of " + now + "\nkey.uri = " + keyUriWithoutPin + "\n");
            }
            // The chain last: its presence is what marks the directory as holding a CA.
            CaDirectory.writeAtomically(directory.chain(), issuingPem + rootPem);
            return new Result(root, issuing, directory.ceremony());
        } catch (IOException e) {
            throw new CaException("cannot write the CA directory " + directory.path() + ": " + e.getMessage(), e);
        }
    }

    private X500Name name(String commonName) {
        X500NameBuilder b = new X500NameBuilder(BCStyle.INSTANCE);
        config.profile("device").organization().ifPresent(o -> b.addRDN(BCStyle.O, o));
        b.addRDN(BCStyle.CN, commonName);
        return b.build();
    }

    private static X509Certificate caCertificate(X500Name issuer, X500Name subject, KeySigner subjectKey, KeySigner signingKey,
                                                 Instant notBefore, Instant notAfter, int pathLength, X509Certificate issuerCert) throws CaException {
        try {
            byte[] serialBytes = new byte[16];
            new SecureRandom().nextBytes(serialBytes);
            serialBytes[0] = (byte) ((serialBytes[0] & 0x7f) | 0x40);
            X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(issuer, new BigInteger(1, serialBytes),
                    Date.from(notBefore), Date.from(notAfter), subject, subjectKey.publicKey());
            JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
            b.addExtension(Extension.basicConstraints, true, new BasicConstraints(pathLength));
            b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
            b.addExtension(Extension.subjectKeyIdentifier, false, utils.createSubjectKeyIdentifier(subjectKey.publicKey()));
            if (issuerCert != null) {
                b.addExtension(Extension.authorityKeyIdentifier, false, utils.createAuthorityKeyIdentifier(issuerCert.getPublicKey()));
            }
            return new JcaX509CertificateConverter().getCertificate(b.build(signingKey.contentSigner()));
        } catch (IOException | CertificateException | java.security.NoSuchAlgorithmException e) {
            throw new CaException("cannot build CA certificate " + subject + ": " + e.getMessage(), e);
        }
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }

    private String record(Instant time, String keyUri, X509Certificate root, X509Certificate issuing) throws CaException {
        try {
            return CeremonyRecord.write(time.toString(), System.getProperty("user.name"), keyUri, List.of(
                    new CeremonyRecord.Key("root", config.rootObject(), root.getPublicKey().getAlgorithm(), root.getSubjectX500Principal().getName(),
                            Pem.sha256Hex(root.getEncoded())),
                    new CeremonyRecord.Key("issuing", config.issuingObject(), issuing.getPublicKey().getAlgorithm(),
                            issuing.getSubjectX500Principal().getName(), Pem.sha256Hex(issuing.getEncoded()))));
        } catch (java.security.cert.CertificateEncodingException e) {
            throw new CaException("cannot encode CA certificate", e);
        }
    }
}
