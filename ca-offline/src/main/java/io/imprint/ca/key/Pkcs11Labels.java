package io.imprint.ca.key;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
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
 * <p>Stateless and thread-safe: calls are serialised with {@code synchronized}.
 */
final class Pkcs11Labels {

    private static final long CKR_OK = 0;
    private static final long CKR_CRYPTOKI_ALREADY_INITIALIZED = 0x191;
    private static final long CKF_RW_SESSION = 0x2;
    private static final long CKF_SERIAL_SESSION = 0x4;
    private static final long CKA_CLASS = 0x0;
    private static final long CKA_LABEL = 0x3;
    private static final long CKA_ID = 0x102;
    private static final long CKO_PUBLIC_KEY = 2;
    private static final long CKO_PRIVATE_KEY = 3;
    private static final int FN_INITIALIZE = 0;
    private static final int FN_FINALIZE = 1;
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
    static synchronized void label(Path module, long slotId, byte[] ckaId, String label) throws KeyManagerException {
        if (!Files.isReadable(module)) {
            throw new KeyManagerException("PKCS#11 module " + module + " not found: install the HSM's PKCS#11 library (softhsm2 for the demo) or set module-path in the key URI");
        }
        Linker linker = Linker.nativeLinker();
        try (Arena arena = Arena.ofConfined()) {
            SymbolLookup lib = SymbolLookup.libraryLookup(module, arena);
            MemorySegment getFunctionList = lib.find("C_GetFunctionList")
                    .orElseThrow(() -> new KeyManagerException(module + " is not a PKCS#11 module (no C_GetFunctionList)"));
            MemorySegment listPtr = arena.allocate(ValueLayout.ADDRESS);
            check(invoke(linker, getFunctionList, FunctionDescriptor.of(ValueLayout.JAVA_LONG, ValueLayout.ADDRESS), listPtr), "C_GetFunctionList", module);
            MemorySegment functions = listPtr.get(ValueLayout.ADDRESS, 0).reinterpret(8 + 8 * 80L);
            long rv = invoke(linker, function(functions, FN_INITIALIZE),
                    FunctionDescriptor.of(ValueLayout.JAVA_LONG, ValueLayout.ADDRESS), MemorySegment.NULL);
            if (rv != CKR_OK && rv != CKR_CRYPTOKI_ALREADY_INITIALIZED) {
                check(rv, "C_Initialize", module);
            }
            try {
                labelInSession(linker, functions, arena, module, slotId, ckaId, label);
            } finally {
                if (rv == CKR_OK) {
                    invoke(linker, function(functions, FN_FINALIZE),
                            FunctionDescriptor.of(ValueLayout.JAVA_LONG, ValueLayout.ADDRESS), MemorySegment.NULL);
                }
            }
        }
    }

    private static void labelInSession(Linker linker, MemorySegment functions, Arena arena, Path module,
            long slotId, byte[] ckaId, String label) throws KeyManagerException {
        MemorySegment sessionPtr = arena.allocate(ValueLayout.JAVA_LONG);
        check(invoke(linker, function(functions, FN_OPEN_SESSION),
                FunctionDescriptor.of(ValueLayout.JAVA_LONG, ValueLayout.JAVA_LONG, ValueLayout.JAVA_LONG, ValueLayout.ADDRESS, ValueLayout.ADDRESS, ValueLayout.ADDRESS),
                slotId, CKF_SERIAL_SESSION | CKF_RW_SESSION, MemorySegment.NULL, MemorySegment.NULL, sessionPtr), "C_OpenSession", module);
        long session = sessionPtr.get(ValueLayout.JAVA_LONG, 0);
        boolean ok = false;
        try {
            List<Long> privateKeys = find(linker, functions, arena, module, session, CKO_PRIVATE_KEY, ckaId);
            if (privateKeys.isEmpty()) {
                throw new KeyManagerException("cannot label '" + label + "': no private key with that CKA_ID in slot "
                        + Long.toUnsignedString(slotId) + " of " + module + " (is the token logged in?)");
            }
            List<Long> objects = new ArrayList<>(privateKeys);
            objects.addAll(find(linker, functions, arena, module, session, CKO_PUBLIC_KEY, ckaId));
            byte[] value = label.getBytes(StandardCharsets.UTF_8);
            MemorySegment labelBytes = arena.allocate(Math.max(1, value.length));
            MemorySegment.copy(value, 0, labelBytes, ValueLayout.JAVA_BYTE, 0, value.length);
            MemorySegment template = arena.allocate(ATTRIBUTE_SIZE, 8);
            attribute(template, 0, CKA_LABEL, labelBytes, value.length);
            FunctionDescriptor setFd = FunctionDescriptor.of(ValueLayout.JAVA_LONG, ValueLayout.JAVA_LONG, ValueLayout.JAVA_LONG, ValueLayout.ADDRESS, ValueLayout.JAVA_LONG);
            for (long object : objects) {
                check(invoke(linker, function(functions, FN_SET_ATTRIBUTE_VALUE), setFd, session, object, template, 1L), "C_SetAttributeValue", module);
            }
            ok = true;
        } finally {
            long closed = invoke(linker, function(functions, FN_CLOSE_SESSION),
                    FunctionDescriptor.of(ValueLayout.JAVA_LONG, ValueLayout.JAVA_LONG), session);
            if (ok) {
                check(closed, "C_CloseSession", module);
            }
        }
    }

    private static List<Long> find(Linker linker, MemorySegment functions, Arena arena, Path module,
            long session, long objectClass, byte[] ckaId) throws KeyManagerException {
        MemorySegment classValue = arena.allocate(ValueLayout.JAVA_LONG);
        classValue.set(ValueLayout.JAVA_LONG, 0, objectClass);
        MemorySegment idValue = arena.allocate(Math.max(1, ckaId.length));
        MemorySegment.copy(ckaId, 0, idValue, ValueLayout.JAVA_BYTE, 0, ckaId.length);
        MemorySegment template = arena.allocate(2 * ATTRIBUTE_SIZE, 8);
        attribute(template, 0, CKA_CLASS, classValue, 8);
        attribute(template, 1, CKA_ID, idValue, ckaId.length);
        check(invoke(linker, function(functions, FN_FIND_OBJECTS_INIT),
                FunctionDescriptor.of(ValueLayout.JAVA_LONG, ValueLayout.JAVA_LONG, ValueLayout.ADDRESS, ValueLayout.JAVA_LONG),
                session, template, 2L), "C_FindObjectsInit", module);
        List<Long> found = new ArrayList<>();
        boolean ok = false;
        try {
            MemorySegment handles = arena.allocate(ValueLayout.JAVA_LONG, FIND_BATCH);
            MemorySegment count = arena.allocate(ValueLayout.JAVA_LONG);
            FunctionDescriptor findFd = FunctionDescriptor.of(ValueLayout.JAVA_LONG, ValueLayout.JAVA_LONG, ValueLayout.ADDRESS, ValueLayout.JAVA_LONG, ValueLayout.ADDRESS);
            while (true) {
                check(invoke(linker, function(functions, FN_FIND_OBJECTS), findFd, session, handles, (long) FIND_BATCH, count), "C_FindObjects", module);
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
            long rv = invoke(linker, function(functions, FN_FIND_OBJECTS_FINAL),
                    FunctionDescriptor.of(ValueLayout.JAVA_LONG, ValueLayout.JAVA_LONG), session);
            if (ok) {
                check(rv, "C_FindObjectsFinal", module);
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

    private static MemorySegment function(MemorySegment functions, int index) {
        return functions.get(ValueLayout.ADDRESS, 8 + 8L * index);
    }

    private static long invoke(Linker linker, MemorySegment fn, FunctionDescriptor fd, Object... args) {
        MethodHandle handle = linker.downcallHandle(fn, fd);
        try {
            return (long) handle.invokeWithArguments(args);
        } catch (Throwable t) {
            throw new IllegalStateException("PKCS#11 call failed", t);
        }
    }

    private static void check(long rv, String call, Path module) throws KeyManagerException {
        if (rv != CKR_OK) {
            throw new KeyManagerException(call + " failed in " + module + " (CKR 0x" + Long.toHexString(rv) + ")");
        }
    }
}
