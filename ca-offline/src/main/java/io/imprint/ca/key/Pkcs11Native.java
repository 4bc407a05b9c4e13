package io.imprint.ca.key;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Direct calls into a PKCS#11 module's function list through the FFM API, for the few things SunPKCS11
 * cannot do (find a token by label, label a key). Initialises the module if nobody has; finalises it on
 * close only if it did, so a SunPKCS11 provider using the same module keeps working.
 *
 * <p>Not thread-safe: hold {@link #LOCK} from {@link #open} to {@link #close}, because C_Initialize and
 * C_Finalize are process-wide.
 */
final class Pkcs11Native implements AutoCloseable {

    static final Object LOCK = new Object();
    static final long CKR_OK = 0;
    private static final long CKR_CRYPTOKI_ALREADY_INITIALIZED = 0x191;
    private static final int FN_INITIALIZE = 0;
    private static final int FN_FINALIZE = 1;
    /** CK_FUNCTION_LIST: a CK_VERSION padded to 8 bytes, then one pointer per function. */
    private static final long FUNCTION_LIST_SIZE = 8 + 8 * 80L;

    private final Path module;
    private final Arena arena;
    private final Linker linker = Linker.nativeLinker();
    private final MemorySegment functions;
    private boolean initialisedHere;

    private Pkcs11Native(Path module, Arena arena, MemorySegment functions) {
        this.module = module;
        this.arena = arena;
        this.functions = functions;
    }

    static Pkcs11Native open(Path module) throws KeyManagerException {
        if (!Files.isReadable(module)) {
            throw new KeyManagerException("PKCS#11 module " + module + " not found: install the HSM's PKCS#11 library (softhsm2 for the demo) or set module-path in the key URI");
        }
        Arena arena = Arena.ofConfined();
        try {
            MemorySegment getFunctionList = SymbolLookup.libraryLookup(module, arena).find("C_GetFunctionList")
                    .orElseThrow(() -> new KeyManagerException(module + " is not a PKCS#11 module (no C_GetFunctionList)"));
            MemorySegment listPtr = arena.allocate(ValueLayout.ADDRESS);
            Pkcs11Native p11 = new Pkcs11Native(module, arena, MemorySegment.NULL);
            p11.check(p11.invoke(getFunctionList, FunctionDescriptor.of(ValueLayout.JAVA_LONG, ValueLayout.ADDRESS), listPtr), "C_GetFunctionList");
            p11 = new Pkcs11Native(module, arena, listPtr.get(ValueLayout.ADDRESS, 0).reinterpret(FUNCTION_LIST_SIZE));
            long rv = p11.call(FN_INITIALIZE, FunctionDescriptor.of(ValueLayout.JAVA_LONG, ValueLayout.ADDRESS), MemorySegment.NULL);
            if (rv != CKR_OK && rv != CKR_CRYPTOKI_ALREADY_INITIALIZED) {
                p11.check(rv, "C_Initialize");
            }
            p11.initialisedHere = rv == CKR_OK;
            return p11;
        } catch (KeyManagerException | RuntimeException e) {
            arena.close();
            throw e;
        }
    }

    Arena arena() {
        return arena;
    }

    /** Calls function {@code index} of the list and returns its CK_RV. */
    long call(int index, FunctionDescriptor fd, Object... args) {
        return invoke(functions.get(ValueLayout.ADDRESS, 8 + 8L * index), fd, args);
    }

    /** Calls and throws unless CKR_OK. */
    void callChecked(String name, int index, FunctionDescriptor fd, Object... args) throws KeyManagerException {
        check(call(index, fd, args), name);
    }

    void check(long rv, String call) throws KeyManagerException {
        if (rv != CKR_OK) {
            throw new KeyManagerException(call + " failed in " + module + " (CKR 0x" + Long.toHexString(rv) + ")");
        }
    }

    private long invoke(MemorySegment fn, FunctionDescriptor fd, Object... args) {
        try {
            return (long) linker.downcallHandle(fn, fd).invokeWithArguments(args);
        } catch (Throwable t) {
            throw new IllegalStateException("PKCS#11 call into " + module + " failed", t);
        }
    }

    @Override
    public void close() {
        if (initialisedHere) {
            call(FN_FINALIZE, FunctionDescriptor.of(ValueLayout.JAVA_LONG, ValueLayout.ADDRESS), MemorySegment.NULL);
        }
        arena.close();
    }
}
