package io.imprint.ca.key;

import java.security.GeneralSecurityException;
import java.security.Provider;
import java.security.SecureRandom;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;

/**
 * The sealed format shared by every backend: {@code IV (12 bytes) || ciphertext || tag (16 bytes)},
 * AES/GCM/NoPadding in the provider that holds the key. A fresh random IV per seal: GCM with a
 * repeated IV under one key leaks the XOR of plaintexts and lets tags be forged.
 *
 * <p>Stateless and thread-safe: a new Cipher per call.
 */
final class AesGcmSealing {

    static final int IV_BYTES = 12;
    static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    private AesGcmSealing() {
    }

    static byte[] seal(SecretKey key, Provider provider, String keyName, String where, byte[] plaintext, byte[] associatedData)
            throws KeyManagerException {
        byte[] iv = new byte[IV_BYTES];
        RANDOM.nextBytes(iv);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding", provider);
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, iv));
            cipher.updateAAD(associatedData);
            byte[] body = cipher.doFinal(plaintext);
            byte[] sealed = new byte[IV_BYTES + body.length];
            System.arraycopy(iv, 0, sealed, 0, IV_BYTES);
            System.arraycopy(body, 0, sealed, IV_BYTES, body.length);
            return sealed;
        } catch (GeneralSecurityException | RuntimeException e) {
            throw new KeyManagerException("cannot seal with key '" + keyName + "' in " + where + ": " + KeyStoreKeys.rootMessage(e), e);
        }
    }

    static byte[] unseal(SecretKey key, Provider provider, String keyName, String where, byte[] sealed, byte[] associatedData)
            throws KeyManagerException, UnsealRefusedException {
        if (sealed.length < IV_BYTES + TAG_BITS / 8) {
            throw new UnsealRefusedException("sealed data for key '" + keyName + "' is " + sealed.length + " bytes: too short to have been sealed");
        }
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding", provider);
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, sealed, 0, IV_BYTES));
            cipher.updateAAD(associatedData);
            return cipher.doFinal(sealed, IV_BYTES, sealed.length - IV_BYTES);
        } catch (AEADBadTagException e) {
            // SunPKCS11 reports SoftHSM's CKR_GENERAL_ERROR for a bad tag as AEADBadTagException too.
            throw new UnsealRefusedException("sealed data for key '" + keyName + "' in " + where
                    + " does not authenticate: it was changed, or belongs to another record (other associated data)");
        } catch (GeneralSecurityException | RuntimeException e) {
            throw new KeyManagerException("cannot unseal with key '" + keyName + "' in " + where + ": " + KeyStoreKeys.rootMessage(e), e);
        }
    }
}
