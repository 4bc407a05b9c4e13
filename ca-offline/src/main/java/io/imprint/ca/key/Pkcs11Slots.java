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
 * Finds the slot that holds a token with a given label by calling the PKCS#11 module directly
 * (C_GetSlotList, C_GetTokenInfo) through the FFM API. SunPKCS11 can only be configured with a slot
 * id or list index, and SoftHSM moves a freshly initialised token to a new, random slot id, so a slot
 * is never hard-coded.
 *
 * <p>Stateless and thread-safe: calls are serialised on {@link Pkcs11Native#LOCK}.
 */
final class Pkcs11Slots {

    private static final long CKF_TOKEN_INITIALIZED = 0x400;
    private static final int FN_GET_SLOT_LIST = 4;
    private static final int FN_GET_TOKEN_INFO = 6;
    private static final int TOKEN_INFO_SIZE = 512;
    private static final int FLAGS_OFFSET = 96;

    /** A token as the module reports it. */
    record Token(long slotId, String label) {
    }

    private Pkcs11Slots() {
    }

    static List<Token> tokens(Path module) throws KeyManagerException {
        synchronized (Pkcs11Native.LOCK) {
            try (Pkcs11Native p11 = Pkcs11Native.open(module)) {
                return list(p11);
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

    private static List<Token> list(Pkcs11Native p11) throws KeyManagerException {
        Arena arena = p11.arena();
        FunctionDescriptor slotListFd = FunctionDescriptor.of(ValueLayout.JAVA_LONG, ValueLayout.JAVA_BYTE, ValueLayout.ADDRESS, ValueLayout.ADDRESS);
        MemorySegment count = arena.allocate(ValueLayout.JAVA_LONG);
        p11.callChecked("C_GetSlotList", FN_GET_SLOT_LIST, slotListFd, (byte) 1, MemorySegment.NULL, count);
        long n = count.get(ValueLayout.JAVA_LONG, 0);
        MemorySegment slots = arena.allocate(ValueLayout.JAVA_LONG, Math.max(1, n));
        p11.callChecked("C_GetSlotList", FN_GET_SLOT_LIST, slotListFd, (byte) 1, slots, count);
        n = count.get(ValueLayout.JAVA_LONG, 0);
        List<Token> tokens = new ArrayList<>();
        FunctionDescriptor infoFd = FunctionDescriptor.of(ValueLayout.JAVA_LONG, ValueLayout.JAVA_LONG, ValueLayout.ADDRESS);
        for (int i = 0; i < n; i++) {
            long slot = slots.getAtIndex(ValueLayout.JAVA_LONG, i);
            MemorySegment info = arena.allocate(TOKEN_INFO_SIZE, 8);
            if (p11.call(FN_GET_TOKEN_INFO, infoFd, slot, info) != Pkcs11Native.CKR_OK) {
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
}
