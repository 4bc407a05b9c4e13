package io.imprint.ca.bench;

import io.imprint.ca.ceremony.CaDirectory;
import io.imprint.ca.ceremony.KeyCeremony;
import io.imprint.ca.issue.CertificateAuthority;
import io.imprint.ca.issue.IssueRequest;
import io.imprint.ca.issue.MemoryIssuanceLedger;
import io.imprint.ca.key.KeyUri;
import io.imprint.ca.key.Pkcs11KeyManager;
import io.imprint.ca.key.KeySigner;
import io.imprint.ca.profile.CaConfig;
import io.imprint.ca.softhsm.SoftHsm;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Signature;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Measures, in one run on one SoftHSM token: (a) raw ECDSA P-256 signatures per second through
 * SunPKCS11, the ceiling; (b) certificates per second through the whole issuance path (parse and verify
 * the CSR, check it, build, sign in the token, encode); (c) a per-device {@code openssl x509 -req} loop
 * in a shell, signing with the same token key through the pkcs11 engine.
 *
 * <p>Not thread-safe; one run at a time. Never part of the test command beyond a smoke run.
 */
public final class CaBench {

    /** Settings of one run. */
    public record Settings(Path workDir, double seconds, int threads, int opensslCertificates, int distinctCsrs) {
    }

    /** Rates in operations per second; {@code opensslPerSecond} is NaN when the engine is missing. */
    public record Result(double rawSignaturesPerSecond, double certificatesPerSecond, double opensslPerSecond, String opensslNote) {
    }

    private static final String TOKEN = "imprint-bench";
    private static final String PIN = "20252025";
    static final Path ENGINE = Path.of("/usr/lib/x86_64-linux-gnu/engines-3/pkcs11.so");

    public static Result run(Settings s) throws Exception {
        Path conf = SoftHsm.use(s.workDir().resolve("softhsm"));
        SoftHsm.initToken(conf, TOKEN, PIN, "90909090");
        KeyUri uri = KeyUri.parse("pkcs11:token=" + TOKEN);
        CaDirectory dir = new CaDirectory(s.workDir().resolve("ca"));
        CaConfig config = CaConfig.defaults();
        try (Pkcs11KeyManager keys = Pkcs11KeyManager.open((KeyUri.Pkcs11) uri, PIN.toCharArray())) {
            new KeyCeremony(keys, config, dir, Clock.systemUTC()).run(uri.toString());
            KeySigner issuing = keys.signer(config.issuingObject());
            CertificateAuthority ca = new CertificateAuthority(issuing, dir.loadChain(), config, new MemoryIssuanceLedger(), Clock.systemUTC());

            List<String> ids = new ArrayList<>();
            List<String> csrs = new ArrayList<>();
            for (int i = 0; i < s.distinctCsrs(); i++) {
                String id = "SN-BENCH-%06d".formatted(i);
                ids.add(id);
                csrs.add(SoftwareCsr.pem(SoftwareCsr.newKey(), id));
            }
            Operation raw = threadIndex -> {
                Signature sig = keys.rawSignature(config.issuingObject());
                byte[] msg = ("tbs " + threadIndex).getBytes(StandardCharsets.UTF_8);
                return () -> {
                    sig.update(msg);
                    sig.sign();
                };
            };
            Operation full = threadIndex -> {
                int[] next = {threadIndex * 7919};
                return () -> {
                    int i = next[0]++ % ids.size();
                    ca.issue(IssueRequest.of(csrs.get(i), ids.get(i), "device"));
                };
            };
            double warm = Math.min(2.0, s.seconds());
            measure(raw, s.threads(), warm);
            double rawRate = measure(raw, s.threads(), s.seconds());
            measure(full, s.threads(), warm);
            double fullRate = measure(full, s.threads(), s.seconds());
            OpensslLoop.Outcome openssl = OpensslLoop.run(s.workDir(), conf, dir, TOKEN, config.issuingObject(), PIN, csrs, ids, s.opensslCertificates());
            return new Result(rawRate, fullRate, openssl.perSecond(), openssl.note());
        }
    }

    /** Makes a per-thread task; the task is called repeatedly until time is up. */
    @FunctionalInterface
    interface Operation {
        Task forThread(int threadIndex) throws Exception;
    }

    @FunctionalInterface
    interface Task {
        void run() throws Exception;
    }

    /** Runs the operation on {@code threads} threads for {@code seconds}; returns completed operations per second. */
    static double measure(Operation op, int threads, double seconds) throws Exception {
        long[] counts = new long[threads];
        AtomicReference<Throwable> failure = new AtomicReference<>();
        CountDownLatch ready = new CountDownLatch(threads);
        CountDownLatch go = new CountDownLatch(1);
        long[] window = new long[2];
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int index = t;
            Task task = op.forThread(index);
            workers.add(Thread.ofPlatform().name("bench-" + t).start(() -> {
                ready.countDown();
                try {
                    go.await();
                    long n = 0;
                    while (System.nanoTime() < window[1]) {
                        task.run();
                        n++;
                    }
                    counts[index] = n;
                } catch (Throwable e) {
                    failure.compareAndSet(null, e);
                }
            }));
        }
        ready.await();
        window[0] = System.nanoTime();
        window[1] = window[0] + (long) (seconds * 1e9);
        go.countDown();
        for (Thread w : workers) {
            w.join();
        }
        if (failure.get() != null) {
            throw new IllegalStateException("benchmark operation failed: " + failure.get(), failure.get());
        }
        long total = 0;
        for (long c : counts) {
            total += c;
        }
        return total / ((System.nanoTime() - window[0]) / 1e9);
    }

    private CaBench() {
    }

    static void writeLines(Path file, List<String> lines) throws java.io.IOException {
        Files.write(file, lines, StandardCharsets.UTF_8);
    }
}
