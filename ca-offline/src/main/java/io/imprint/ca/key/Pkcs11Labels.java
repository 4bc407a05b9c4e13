package io.imprint.ca.key;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Sets CKA_LABEL on the key objects SunPKCS11 made, by calling the PKCS#11 module directly
 * (C_OpenSession, C_FindObjects*, C_SetAttributeValue) through the FFM API. SunPKCS11 identifies a key
 * entry by CKA_ID (the alias) and leaves CKA_LABEL empty, but RFC 7512 URIs ({@code object=}) and tools
 * such as the openssl pkcs11 engine match on CKA_LABEL.
 *
 * <p>Must run in a process where SunPKCS11 has already initialised the same module and logged in to the
 * slot: login state is per process, so the session opened here is already logged in and no PIN is
 * needed. The module is not finalised here unless this class initialised it.
 *
 * <p>Stateless and thread-safe: calls are serialised on {@link Pkcs11Native#LOCK}.
 */
final class Pkcs11Labels {

    private static final long CKF_RW_SESSION = 0x2;
    private static final long CKF_SERIAL_SESSION = 0x4;
    private static final long CKA_CLASS = 0x0;
    private static final long CKA_LABEL = 0x3;
    private static final long CKA_ID = 0x102;
    private static final long CKO_PUBLIC_KEY = 2;
    private static final long CKO_PRIVATE_KEY = 3;
    private static final int FN_OPEN_SESSION = 12;
    private static final int FN_CLOSE_SESSION = 13;
    private static final int FN_SET_ATTRIBUTE_VALUE = 25;
    private static final int FN_FIND_OBJECTS_INIT = 26;
    private static final int FN_FIND_OBJECTS = 27;
    private static final int FN_FIND_OBJECTS_FINAL = 28;
    /** CK_ATTRIBUTE: {CK_ULONG type; void *pValue; CK_ULONG ulValueLen} on LP64. */
    private static final long ATTRIBUTE_SIZE = 24;
    private static final int FIND_BATCH = 16;

    private Pkcs11Labels() {
    }

    /**
     * Labels every private and public key object on {@code slotId} whose CKA_ID is {@code ckaId}.
     *
     * @throws KeyManagerException if no private key has that id, or a PKCS#11 call fails
     */
    static void label(Path module, long slotId, byte[] ckaId, String label) throws KeyManagerException {
        synchronized (Pkcs11Native.LOCK) {
            try (Pkcs11Native p11 = Pkcs11Native.open(module)) {
                labelInSession(p11, module, slotId, ckaId, label);
            }
        }
    }

    private static void labelInSession(Pkcs11Native p11, Path module, long slotId, byte[] ckaId, String label) throws KeyManagerException {
        Arena arena = p11.arena();
        MemorySegment sessionPtr = arena.allocate(ValueLayout.JAVA_LONG);
        p11.callChecked("C_OpenSession", FN_OPEN_SESSION,
                FunctionDescriptor.of(ValueLayout.JAVA_LONG, ValueLayout.JAVA_LONG, ValueLayout.JAVA_LONG, ValueLayout.ADDRESS, ValueLayout.ADDRESS, ValueLayout.ADDRESS),
                slotId, CKF_SERIAL_SESSION | CKF_RW_SESSION, MemorySegment.NULL, MemorySegment.NULL, sessionPtr);
        long session = sessionPtr.get(ValueLayout.JAVA_LONG, 0);
        boolean ok = false;
        try {
            List<Long> privateKeys = find(p11, session, CKO_PRIVATE_KEY, ckaId);
            if (privateKeys.isEmpty()) {
                throw new KeyManagerException("cannot label '" + label + "': no private key with that CKA_ID in slot "
                        + Long.toUnsignedString(slotId) + " of " + module + " (is the token logged in?)");
            }
            List<Long> objects = new ArrayList<>(privateKeys);
            objects.addAll(find(p11, session, CKO_PUBLIC_KEY, ckaId));
            byte[] value = label.getBytes(StandardCharsets.UTF_8);
            MemorySegment labelBytes = arena.allocate(Math.max(1, value.length));
            MemorySegment.copy(value, 0, labelBytes, ValueLayout.JAVA_BYTE, 0, value.length);
            MemorySegment template = arena.allocate(ATTRIBUTE_SIZE, 8);
            attribute(template, 0, CKA_LABEL, labelBytes, value.length);
            FunctionDescriptor setFd = FunctionDescriptor.of(ValueLayout.JAVA_LONG, ValueLayout.JAVA_LONG, ValueLayout.JAVA_LONG, ValueLayout.ADDRESS, ValueLayout.JAVA_LONG);
            for (long object : objects) {
                p11.callChecked("C_SetAttributeValue", FN_SET_ATTRIBUTE_VALUE, setFd, session, object, template, 1L);
            }
            ok = true;
        } finally {
            long closed = p11.call(FN_CLOSE_SESSION, FunctionDescriptor.of(ValueLayout.JAVA_LONG, ValueLayout.JAVA_LONG), session);
            if (ok) {
                p11.check(closed, "C_CloseSession");
            }
        }
    }

    private static List<Long> find(Pkcs11Native p11, long session, long objectClass, byte[] ckaId) throws KeyManagerException {
        Arena arena = p11.arena();
        MemorySegment classValue = arena.allocate(ValueLayout.JAVA_LONG);
        classValue.set(ValueLayout.JAVA_LONG, 0, objectClass);
        MemorySegment idValue = arena.allocate(Math.max(1, ckaId.length));
        MemorySegment.copy(ckaId, 0, idValue, ValueLayout.JAVA_BYTE, 0, ckaId.length);
        MemorySegment template = arena.allocate(2 * ATTRIBUTE_SIZE, 8);
        attribute(template, 0, CKA_CLASS, classValue, 8);
        attribute(template, 1, CKA_ID, idValue, ckaId.length);
        p11.callChecked("C_FindObjectsInit", FN_FIND_OBJECTS_INIT,
                FunctionDescriptor.of(ValueLayout.JAVA_LONG, ValueLayout.JAVA_LONG, ValueLayout.ADDRESS, ValueLayout.JAVA_LONG),
                session, template, 2L);
        List<Long> found = new ArrayList<>();
        boolean ok = false;
        try {
            MemorySegment handles = arena.allocate(ValueLayout.JAVA_LONG, FIND_BATCH);
            MemorySegment count = arena.allocate(ValueLayout.JAVA_LONG);
            FunctionDescriptor findFd = FunctionDescriptor.of(ValueLayout.JAVA_LONG, ValueLayout.JAVA_LONG, ValueLayout.ADDRESS, ValueLayout.JAVA_LONG, ValueLayout.ADDRESS);
            while (true) {
                p11.callChecked("C_FindObjects", FN_FIND_OBJECTS, findFd, session, handles, (long) FIND_BATCH, count);
                long n = count.get(ValueLayout.JAVA_LONG, 0);
                for (int i = 0; i < n; i++) {
                    found.add(handles.getAtIndex(ValueLayout.JAVA_LONG, i));
                }
                if (n < FIND_BATCH) {
                    break;
                }
            }
            ok = true;
        } finally {
            long rv = p11.call(FN_FIND_OBJECTS_FINAL, FunctionDescriptor.of(ValueLayout.JAVA_LONG, ValueLayout.JAVA_LONG), session);
            if (ok) {
                p11.check(rv, "C_FindObjectsFinal");
            }
        }
        return found;
    }

    private static void attribute(MemorySegment template, int index, long type, MemorySegment value, long length) {
        long base = index * ATTRIBUTE_SIZE;
        template.set(ValueLayout.JAVA_LONG, base, type);
        template.set(ValueLayout.ADDRESS, base + 8, value);
        template.set(ValueLayout.JAVA_LONG, base + 16, length);
    }

}
