package io.imprint.device.sim;

import io.imprint.device.protocol.KeyType;
import io.imprint.device.serial.JSerialCommPort;
import io.imprint.device.serial.SerialSettings;
import io.imprint.device.session.BoardSession;
import io.imprint.device.session.Credentials;
import io.imprint.device.session.LinkStats;
import io.imprint.device.session.LinkTiming;
import io.imprint.device.transport.PortIdentity;
import java.math.BigInteger;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;

/**
 * How close provisioning over a serial link gets to the link's limit: for each board, a full session
 * (HELLO, IDENTIFY, key and CSR, device certificate and a two-certificate chain, VERIFY, COMMIT, LOCK)
 * over a real pty at the board's baud rate, against the theoretical minimum: every bit the session put
 * on the wire divided by the baud rate, plus the board's key-generation time. Certificates are signed
 * by a throwaway key here: the device drivers know nothing of the CA, and the bytes are what count.
 *
 * <p>Not thread-safe; one run at a time.
 */
public final class LinkBench {

    /** One board session's numbers. */
    public record Session(long wireBytes, long payloadBytes, Duration actual, Duration theoretical, int retries) {
    }

    /** A run's settings and sessions. */
    public record Result(int boards, int baud, Duration keygen, List<Session> sessions) {
        public double efficiency() {
            double theory = sessions.stream().mapToLong(s -> s.theoretical().toNanos()).sum();
            double actual = sessions.stream().mapToLong(s -> s.actual().toNanos()).sum();
            return theory / actual;
        }

        public double wireOverPayload() {
            return (double) sessions.stream().mapToLong(Session::wireBytes).sum() / sessions.stream().mapToLong(Session::payloadBytes).sum();
        }
    }

    private LinkBench() {
    }

    public static Result run(Path dir, int boards, int baud, Duration keygen, int rounds) throws Exception {
        KeyPair ca = ecKey();
        byte[] caCert = certificate(ca, ca.getPublic().getEncoded(), "CN=Bench Issuing CA");
        List<byte[]> chain = List.of(caCert, certificate(ca, ca.getPublic().getEncoded(), "CN=Bench Root CA"));
        List<Session> sessions = new ArrayList<>();
        try (BoardFarm farm = new BoardFarm(dir, boards, BoardProfile.keygen(baud, keygen), FaultMode.NONE);
             ExecutorService pool = Executors.newFixedThreadPool(boards)) {
            List<Future<List<Session>>> futures = new ArrayList<>();
            for (int i = 0; i < boards; i++) {
                int socket = i;
                futures.add(pool.submit(() -> {
                    List<Session> mine = new ArrayList<>();
                    for (int r = 0; r < rounds; r++) {
                        mine.add(provision(farm.portPath(socket), baud, keygen, ca, chain));
                        farm.replug(socket, true);
                    }
                    return mine;
                }));
            }
            for (Future<List<Session>> f : futures) {
                sessions.addAll(f.get());
            }
        }
        return new Result(boards, baud, keygen, sessions);
    }

    private static Session provision(String port, int baud, Duration keygen, KeyPair ca, List<byte[]> chain) throws Exception {
        long start = System.nanoTime();
        try (BoardSession session = BoardSession.open(new JSerialCommPort(PortIdentity.ofPath(port), SerialSettings.of(baud)), LinkTiming.standard(baud))) {
            String id = session.identify().deviceId();
            byte[] csr = session.generateKeyAndCsr(id, KeyType.EC_P256);
            byte[] spki = new PKCS10CertificationRequest(csr).getSubjectPublicKeyInfo().getEncoded();
            session.install(Credentials.device(certificate(ca, spki, "CN=" + id), chain));
            byte[] challenge = new byte[32];
            new SecureRandom().nextBytes(challenge);
            session.proveKey(challenge);
            session.lock();
            Duration actual = Duration.ofNanos(System.nanoTime() - start);
            LinkStats s = session.stats();
            long wire = s.bytesSent() + s.bytesReceived();
            Duration theory = Duration.ofNanos(wire * 10L * 1_000_000_000L / baud).plus(keygen);
            return new Session(wire, s.payloadSent() + s.payloadReceived(), actual, theory, s.retries());
        }
    }

    static KeyPair ecKey() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"));
        return g.generateKeyPair();
    }

    static byte[] certificate(KeyPair issuer, byte[] subjectPublicKeyInfo, String subject) throws Exception {
        Instant now = Instant.now();
        X509v3CertificateBuilder b = new X509v3CertificateBuilder(new X500Name("CN=Bench Issuing CA,O=Imprint"), new BigInteger(127, new SecureRandom()),
                Date.from(now), Date.from(now.plus(Duration.ofDays(7300))), new X500Name(subject + ",OU=Factory provisioning,O=Imprint"),
                org.bouncycastle.asn1.x509.SubjectPublicKeyInfo.getInstance(subjectPublicKeyInfo));
        ContentSigner signer = new JcaContentSignerBuilder("SHA256withECDSA").build(issuer.getPrivate());
        return b.build(signer).getEncoded();
    }
}
