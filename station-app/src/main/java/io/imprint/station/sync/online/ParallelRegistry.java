package io.imprint.station.sync.online;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;

/**
 * Registers up to {@code parallel} boards at once through a registry that takes one a call (AWS IoT: five
 * API calls a board). The sync sends one call at a time, so with a registry's latency L a board-at-a-time
 * registry could never pass 1/L boards a second, whatever the configured rate: a board taking 250 ms
 * caps the sync at 4 a second against AWS's quota of 10.
 *
 * <p>If any board's call fails, the call fails with the first failure, after every board's call has ended:
 * the boards that did register are found already there when the sync sends them again.
 *
 * <p>Thread-safe if the delegate is (it is called from several threads at once).
 */
public final class ParallelRegistry implements Registry {

    private final Registry delegate;
    private final int parallel;
    private final ExecutorService workers;

    public ParallelRegistry(Registry delegate, int parallel) {
        if (delegate.maxBatch() != 1 || parallel < 1) {
            throw new IllegalArgumentException("parallel registration is for a registry taking one board a call, with at least one in flight");
        }
        this.delegate = delegate;
        this.parallel = parallel;
        this.workers = Executors.newFixedThreadPool(parallel, Thread.ofPlatform().daemon().name("sync-" + delegate.target().id() + "-", 1).factory());
    }

    @Override
    public SyncTarget target() {
        return delegate.target();
    }

    @Override
    public int maxBatch() {
        return parallel;
    }

    @Override
    public List<RegistryAnswer> register(List<DeviceRegistration> devices) throws RegistryException {
        if (devices.size() > parallel) {
            throw new IllegalArgumentException("at most " + parallel + " boards a call, given " + devices.size());
        }
        List<Future<List<RegistryAnswer>>> calls = new ArrayList<>();
        for (DeviceRegistration d : devices) {
            calls.add(workers.submit(() -> delegate.register(List.of(d))));
        }
        List<RegistryAnswer> answers = new ArrayList<>();
        Exception first = null;
        for (Future<List<RegistryAnswer>> call : calls) {
            try {
                answers.addAll(call.get());
            } catch (ExecutionException e) {
                first = first == null && e.getCause() instanceof Exception cause ? cause : first;
                if (!(e.getCause() instanceof Exception)) {
                    throw new IllegalStateException("a registration failed", e.getCause());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new RegistryException(RegistryException.Kind.UNAVAILABLE, "interrupted while registering", null, e);
            }
        }
        if (first instanceof RegistryException r) {
            throw r;
        }
        if (first instanceof RuntimeException r) {
            throw r;
        }
        if (first != null) {
            throw new IllegalStateException("a registration failed", first);
        }
        return answers;
    }

    @Override
    public RegistryAnswer revoke(Revocation revocation) throws RegistryException {
        return delegate.revoke(revocation);
    }

    @Override
    public void forEachRegistered(Consumer<RegisteredDevice> sink) throws RegistryException {
        delegate.forEachRegistered(sink);
    }

    @Override
    public void close() {
        workers.shutdownNow();
        delegate.close();
    }
}
