package io.imprint.ca.issue;

import io.imprint.ca.CaException;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The CA directory's own ledger, for the command line: {@code issued.tsv} (one line per certificate)
 * and {@code quotas.tsv} (one line per batch), appended and forced to disk before a certificate file
 * is written. A lock on {@code ca.lock} keeps a second process out while this one is open.
 *
 * <p>Thread-safe: appends are serialised; reads go to the in-memory index.
 */
public final class FileIssuanceLedger implements IssuanceLedger, AutoCloseable {

    private final MemoryIssuanceLedger index = new MemoryIssuanceLedger();
    private final FileChannel lockChannel;
    private final FileLock lock;
    private final FileChannel issued;
    private final FileChannel quotas;

    private FileIssuanceLedger(FileChannel lockChannel, FileLock lock, FileChannel issued, FileChannel quotas) {
        this.lockChannel = lockChannel;
        this.lock = lock;
        this.issued = issued;
        this.quotas = quotas;
    }

    public static FileIssuanceLedger open(Path dir) throws CaException {
        try {
            Files.createDirectories(dir);
            FileChannel lockChannel = FileChannel.open(dir.resolve("ca.lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock = lockChannel.tryLock();
            if (lock == null) {
                lockChannel.close();
                throw new CaException("another Imprint CA process is using " + dir + "; wait for it to finish");
            }
            Path issuedFile = dir.resolve("issued.tsv");
            Path quotaFile = dir.resolve("quotas.tsv");
            FileIssuanceLedger ledger = new FileIssuanceLedger(lockChannel, lock, append(issuedFile), append(quotaFile));
            ledger.load(quotaFile, issuedFile);
            return ledger;
        } catch (IOException e) {
            throw new CaException("cannot open the CA ledger in " + dir + ": " + e.getMessage(), e);
        }
    }

    private static FileChannel append(Path file) throws IOException {
        return FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
    }

    private void load(Path quotaFile, Path issuedFile) throws IOException, CaException {
        for (String line : Files.readAllLines(quotaFile, StandardCharsets.UTF_8)) {
            if (line.isBlank()) {
                continue;
            }
            String[] f = line.split("\t");
            index.restoreQuota(f[0], Integer.parseInt(f[1]));
        }
        List<String> lines = Files.readAllLines(issuedFile, StandardCharsets.UTF_8);
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isBlank()) {
                continue;
            }
            String[] f = line.split("\t");
            if (f.length != 7) {
                throw new CaException(issuedFile + " line " + (i + 1) + " is damaged (" + f.length + " fields, expected 7)");
            }
            index.restore(new IssuedRecord(new BigInteger(f[0], 16), f[1], f[2], f[3].equals("-") ? Optional.empty() : Optional.of(f[3]),
                    Instant.parse(f[4]), Instant.parse(f[5]), f[6]));
        }
    }

    @Override
    public synchronized void bindQuota(String batch, int quota) throws IssuanceRefusedException {
        boolean isNew = index.quota(batch).isEmpty();
        index.bindQuota(batch, quota);
        if (isNew) {
            try {
                write(quotas, batch + "\t" + quota + "\n");
            } catch (IOException e) {
                throw new IssuanceRefusedException("cannot record the quota of batch " + batch + ": " + e.getMessage(), e);
            }
        }
    }

    @Override
    public Optional<Integer> quota(String batch) {
        return index.quota(batch);
    }

    @Override
    public int used(String batch) {
        return index.used(batch);
    }

    @Override
    public void reserve(String batch) throws IssuanceRefusedException {
        index.reserve(batch);
    }

    @Override
    public void release(String batch) {
        index.release(batch);
    }

    @Override
    public boolean claimSerial(BigInteger serial) {
        return index.claimSerial(serial);
    }

    @Override
    public synchronized void record(IssuedCertificate c) throws CaException {
        String line = String.join("\t", c.serialHex(), c.deviceId(), c.profile(), c.batch().orElse("-"),
                c.notBefore().toString(), c.notAfter().toString(), c.sha256Fingerprint()) + "\n";
        try {
            write(issued, line);
        } catch (IOException e) {
            throw new CaException("cannot record certificate " + c.serialHex() + " in the CA ledger (disk full?): " + e.getMessage(), e);
        }
        index.record(c);
    }

    private static void write(FileChannel channel, String line) throws IOException {
        ByteBuffer buffer = ByteBuffer.wrap(line.getBytes(StandardCharsets.UTF_8));
        while (buffer.hasRemaining()) {
            channel.write(buffer);
        }
        channel.force(false);
    }

    @Override
    public Optional<IssuedRecord> find(BigInteger serial) {
        return index.find(serial);
    }

    @Override
    public long issuedCount() {
        return index.issuedCount();
    }

    @Override
    public synchronized void close() {
        try {
            issued.close();
            quotas.close();
            lock.release();
            lockChannel.close();
        } catch (IOException e) {
            // Nothing is pending: every line was forced when written.
        }
    }
}
