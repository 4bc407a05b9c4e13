package io.imprint.ca.softhsm;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;

/**
 * This process's native environment, which native libraries read (SoftHSM its {@code SOFTHSM2_CONF},
 * GTK its {@code DISPLAY}) and Java cannot change: set through libc's {@code setenv} with the FFM API.
 * {@link System#getenv} does not see the change.
 *
 * <p>Thread-safe as far as libc's {@code setenv} is: call it before the library starts reading.
 */
@SuppressWarnings("restricted") // calling libc is this class's job; surefire and the launcher enable native access
public final class NativeEnv {

    private NativeEnv() {
    }

    public static void set(String name, String value) {
        Linker linker = Linker.nativeLinker();
        MethodHandle setenv = linker.downcallHandle(linker.defaultLookup().find("setenv").orElseThrow(),
                FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.ADDRESS, ValueLayout.JAVA_INT));
        try (Arena arena = Arena.ofConfined()) {
            int rc = (int) setenv.invokeExact(arena.allocateFrom(name), arena.allocateFrom(value), 1);
            if (rc != 0) {
                throw new IllegalStateException("setenv(" + name + ") failed");
            }
        } catch (Throwable t) {
            throw new IllegalStateException("setenv(" + name + ") failed", t);
        }
    }
}
