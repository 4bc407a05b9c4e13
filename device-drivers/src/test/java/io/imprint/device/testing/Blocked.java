package io.imprint.device.testing;

import java.time.Duration;
import java.util.Arrays;
import java.util.Objects;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;

/**
 * Waits until another thread is blocked inside a given method, for tests of what wakes a blocked read
 * or write (close, data arriving, an unplug). Sleeping "long enough" before the wake-up only hopes the
 * thread got there: on a loaded machine it may not have, and the test then passes through the
 * not-yet-blocked path (a read that finds the port already closed) while claiming to test the blocked
 * one. This looks at the thread instead.
 *
 * <p>A thread is blocked in {@code frame} when its innermost frame outside the JDK (the frames below
 * {@code java.*}, {@code jdk.*} and {@code sun.*}, which are the park and wait machinery) is
 * {@code frame}, and it is either waiting ({@link Thread.State#WAITING WAITING} or
 * {@link Thread.State#TIMED_WAITING TIMED_WAITING}: parked on a condition, in {@code Object.wait}) or
 * {@link Thread.State#RUNNABLE RUNNABLE} in native code: a JNI method on top of the stack, or
 * {@code frame} itself on top, which is how a foreign-function downcall such as {@code poll(2)} looks
 * (it leaves no native frame). Name the method that waits for the data, not one that takes a lock: a
 * thread queued for a lock is WAITING too. A RUNNABLE thread with {@code frame} on top may also be
 * running that method's own Java code, which a stack cannot tell from a downcall, so for a downcall
 * name the small method whose work is the call (as {@code Libc.poll}), where that is a few instructions.
 *
 * <p>Thread-safe: stateless; any thread may wait on any other.
 */
public final class Blocked {

    /** Between looks at the thread: short, since the wait ends as soon as the thread gets there. */
    private static final long LOOK_EVERY_NANOS = 1_000_000;

    private Blocked() {
    }

    /**
     * Returns once {@code thread} is blocked in {@code frame}, a {@code Class.method} name, either fully
     * qualified ({@code io.imprint.device.pty.Libc.poll}) or from a simple or nested class name on
     * ({@code Libc.poll}, {@code FakeEndpointPair$Host.in}).
     *
     * @throws AssertionError if the thread ends first or is not blocked there within {@code within},
     *     with its last state and stack, so a failure says where the thread was instead
     */
    public static void waitUntilBlockedIn(Thread thread, String frame, Duration within) {
        Objects.requireNonNull(thread, "thread");
        Objects.requireNonNull(frame, "frame");
        long deadline = System.nanoTime() + within.toNanos();
        while (true) {
            // The state either side of the stack, so a thread that woke while its stack was taken (and
            // was seen waiting, then running) does not count as blocked where the stack caught it.
            Thread.State before = thread.getState();
            StackTraceElement[] stack = thread.getStackTrace();
            Thread.State state = thread.getState();
            if (state == Thread.State.TERMINATED) {
                throw new AssertionError(thread.getName() + " ended before it blocked in " + frame);
            }
            if (before == state && isBlockedIn(state, stack, frame)) {
                return;
            }
            if (System.nanoTime() - deadline >= 0) {
                throw new AssertionError(thread.getName() + " did not block in " + frame + " within " + within
                        + "; last seen " + state + " at" + Arrays.stream(stack).map(e -> "\n\tat " + e)
                                .collect(Collectors.joining()));
            }
            LockSupport.parkNanos(LOOK_EVERY_NANOS);
        }
    }

    static boolean isBlockedIn(Thread.State state, StackTraceElement[] stack, String frame) {
        int own = innermostOutsideTheJdk(stack);
        if (own < 0 || !names(stack[own], frame)) {
            return false;
        }
        return switch (state) {
            case WAITING, TIMED_WAITING -> true;
            case RUNNABLE -> stack[0].isNativeMethod() || own == 0;
            default -> false;
        };
    }

    private static int innermostOutsideTheJdk(StackTraceElement[] stack) {
        for (int i = 0; i < stack.length; i++) {
            String c = stack[i].getClassName();
            if (!(c.startsWith("java.") || c.startsWith("jdk.") || c.startsWith("sun."))) {
                return i;
            }
        }
        return -1;
    }

    private static boolean names(StackTraceElement e, String frame) {
        String full = e.getClassName() + "." + e.getMethodName();
        return full.equals(frame) || full.endsWith("." + frame) || full.endsWith("$" + frame);
    }
}
