package io.imprint.station.account;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.SecretKey;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import javax.security.auth.DestroyFailedException;

/**
 * A stored password hash: PBKDF2 with HMAC-SHA256, a random 16-byte salt and the iteration count it
 * was made with, written as {@code pbkdf2-sha256$<iterations>$<salt base64>$<hash base64>}. The count
 * is stored per account so the default can be raised later without invalidating older hashes.
 *
 * <p>Immutable and thread-safe (the arrays are copied in and out).
 */
record PasswordHash(int iterations, byte[] salt, byte[] hash) {

    static final String SCHEME = "pbkdf2-sha256";
    static final int SALT_BYTES = 16;
    static final int HASH_BYTES = 32;
    private static final SecureRandom RANDOM = new SecureRandom();

    PasswordHash {
        if (iterations < 1 || salt.length != SALT_BYTES || hash.length != HASH_BYTES) {
            throw new IllegalArgumentException("a password hash needs iterations >= 1, a " + SALT_BYTES + "-byte salt and a "
                    + HASH_BYTES + "-byte hash");
        }
        salt = salt.clone();
        hash = hash.clone();
    }

    /** Hashes {@code password} with a fresh salt. Leaves the array to the caller to wipe. */
    static PasswordHash create(char[] password, int iterations) {
        byte[] salt = new byte[SALT_BYTES];
        RANDOM.nextBytes(salt);
        byte[] derived = derive(password, salt, iterations);
        try {
            return new PasswordHash(iterations, salt, derived);
        } finally {
            Arrays.fill(derived, (byte) 0);
        }
    }

    /** Whether {@code password} is the one hashed, compared in constant time. Leaves the array to the caller to wipe. */
    boolean matches(char[] password) {
        byte[] derived = derive(password, salt, iterations);
        try {
            return MessageDigest.isEqual(derived, hash);
        } finally {
            Arrays.fill(derived, (byte) 0);
        }
    }

    String encode() {
        Base64.Encoder b64 = Base64.getEncoder().withoutPadding();
        return SCHEME + "$" + iterations + "$" + b64.encodeToString(salt) + "$" + b64.encodeToString(hash);
    }

    static PasswordHash parse(String encoded) {
        String[] parts = encoded == null ? new String[0] : encoded.split("\\$", -1);
        if (parts.length != 4 || !parts[0].equals(SCHEME)) {
            // No part of the stored text in the message: it is a hash, but still not for a log.
            throw new IllegalArgumentException("stored password hash is not in the " + SCHEME + " format");
        }
        try {
            Base64.Decoder b64 = Base64.getDecoder();
            return new PasswordHash(Integer.parseInt(parts[1]), b64.decode(parts[2]), b64.decode(parts[3]));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("stored password hash is damaged", e);
        }
    }

    @Override
    public byte[] salt() {
        return salt.clone();
    }

    @Override
    public byte[] hash() {
        return hash.clone();
    }

    private static byte[] derive(char[] password, byte[] salt, int iterations) {
        PBEKeySpec spec = new PBEKeySpec(password, salt, iterations, HASH_BYTES * 8);
        SecretKey key = null;
        try {
            key = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec);
            return key.getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("PBKDF2WithHmacSHA256 is missing from this JDK", e);
        } finally {
            spec.clearPassword();
            destroy(key);
        }
    }

    /** The JDK's PBKDF2 key holds a copy of the password and the hash; clear them now rather than at GC. */
    private static void destroy(SecretKey key) {
        if (key != null) {
            try {
                key.destroy();
            } catch (DestroyFailedException e) {
                // A provider whose keys cannot be destroyed: its cleaner clears them when collected.
            }
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PasswordHash p && p.iterations == iterations && Arrays.equals(p.salt, salt) && Arrays.equals(p.hash, hash);
    }

    @Override
    public int hashCode() {
        return 31 * iterations + Arrays.hashCode(hash);
    }

    @Override
    public String toString() {
        return SCHEME + "$" + iterations + "$…";
    }
}
