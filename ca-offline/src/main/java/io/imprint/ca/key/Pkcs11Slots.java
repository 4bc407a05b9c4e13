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
 * Finds the slot that holds a token with a given label by calling the PKCS#11 module directly
 * (C_GetSlotList, C_GetTokenInfo) through the FFM API. SunPKCS11 can only be configured with a slot
 * id or list index, and SoftHSM moves a freshly initialised token to a new, random slot id, so a slot
 * is never hard-coded.
 *
 * <p>Stateless; calls are serialised because C_Initialize/C_Finalize are process-wide.
 */
final class Pkcs11Slots {

    private static final long CKR_OK = 0;
    private static final long CKR_CRYPTOKI_ALREADY_INITIALIZED = 0x191;
    private static final long CKF_TOKEN_INITIALIZED = 0x400;
    private static final int FN_INITIALIZE = 0;
    private static final int FN_FINALIZE = 1;
    private static final int FN_GET_SLOT_LIST = 4;
    private static final int FN_GET_TOKEN_INFO = 6;
    private static final int TOKEN_INFO_SIZE = 512;
    private static final int FLAGS_OFFSET = 96;

    /** A token as the module reports it. */
    record Token(long slotId, String label) {
    }

    private Pkcs11Slots() {
    }

    static synchronized List<Token> tokens(Path module) throws KeyManagerException {
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
                return list(linker, functions, arena, module);
            } finally {
                if (rv == CKR_OK) {
                    invoke(linker, function(functions, FN_FINALIZE),
                            FunctionDescriptor.of(ValueLayout.JAVA_LONG, ValueLayout.ADDRESS), MemorySegment.NULL);
                }
            }
        }
    }

    static long slotOf(Path module, String label) throws KeyManagerException {
        List<Token> tokens = tokens(module);
        for (Token t : tokens) {
            if (t.label().equals(label)) {
                return t.slotId();
            }
        }
        throw new KeyManagerException("no PKCS#11 token labelled '" + label + "' in " + module
                + " (tokens present: " + tokens.stream().map(Token::label).toList() + "): initialise it or fix token= in the key URI");
    }

    private static List<Token> list(Linker linker, MemorySegment functions, Arena arena, Path module) throws KeyManagerException {
        FunctionDescriptor slotListFd = FunctionDescriptor.of(ValueLayout.JAVA_LONG, ValueLayout.JAVA_BYTE, ValueLayout.ADDRESS, ValueLayout.ADDRESS);
        MemorySegment count = arena.allocate(ValueLayout.JAVA_LONG);
        check(invoke(linker, function(functions, FN_GET_SLOT_LIST), slotListFd, (byte) 1, MemorySegment.NULL, count), "C_GetSlotList", module);
        long n = count.get(ValueLayout.JAVA_LONG, 0);
        MemorySegment slots = arena.allocate(ValueLayout.JAVA_LONG, Math.max(1, n));
        check(invoke(linker, function(functions, FN_GET_SLOT_LIST), slotListFd, (byte) 1, slots, count), "C_GetSlotList", module);
        n = count.get(ValueLayout.JAVA_LONG, 0);
        List<Token> tokens = new ArrayList<>();
        FunctionDescriptor infoFd = FunctionDescriptor.of(ValueLayout.JAVA_LONG, ValueLayout.JAVA_LONG, ValueLayout.ADDRESS);
        for (int i = 0; i < n; i++) {
            long slot = slots.getAtIndex(ValueLayout.JAVA_LONG, i);
            MemorySegment info = arena.allocate(TOKEN_INFO_SIZE, 8);
            if (invoke(linker, function(functions, FN_GET_TOKEN_INFO), infoFd, slot, info) != CKR_OK) {
                continue;
            }
            if ((info.get(ValueLayout.JAVA_LONG, FLAGS_OFFSET) & CKF_TOKEN_INITIALIZED) == 0) {
                continue;
            }
            byte[] label = info.asSlice(0, 32).toArray(ValueLayout.JAVA_BYTE);
            tokens.add(new Token(slot, new String(label, StandardCharsets.UTF_8).stripTrailing()));
        }
        return tokens;
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
