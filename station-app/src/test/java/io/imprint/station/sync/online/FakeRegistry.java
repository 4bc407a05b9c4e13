package io.imprint.station.sync.online;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * A registry in memory for the runner's logic tests: holds devices by id with their fingerprint,
 * answers as the real ones do (already there, conflict), and fails on a script: the next calls throw
 * the queued exceptions, or one call stores its devices and then "loses" the answer (a crash).
 *
 * <p>Not thread-safe.
 */
final class FakeRegistry implements Registry {

    final Map<String, String> held = new LinkedHashMap<>();
    final Map<String, Boolean> active = new LinkedHashMap<>();
    final Map<String, Integer> creations = new LinkedHashMap<>();
    final List<Integer> callSizes = new ArrayList<>();
    final Deque<RegistryException> failures = new ArrayDeque<>();
    final List<String> revoked = new ArrayList<>();
    private final int maxBatch;
    /** Store the next call's devices, then throw as if the station died before it got the answer. */
    boolean loseNextAnswer;

    FakeRegistry(int maxBatch) {
        this.maxBatch = maxBatch;
    }

    static RegistryException throttled(Duration retryAfter) {
        return new RegistryException(RegistryException.Kind.THROTTLED, "429 Too Many Requests", retryAfter, null);
    }

    @Override
    public SyncTarget target() {
        return SyncTarget.AZURE;
    }

    @Override
    public int maxBatch() {
        return maxBatch;
    }

    @Override
    public List<RegistryAnswer> register(List<DeviceRegistration> devices) throws RegistryException {
        if (devices.size() > maxBatch) {
            throw new IllegalArgumentException("too many: " + devices.size());
        }
        callSizes.add(devices.size());
        if (!failures.isEmpty()) {
            throw failures.pop();
        }
        List<RegistryAnswer> answers = new ArrayList<>();
        for (DeviceRegistration d : devices) {
            String there = held.get(d.deviceId());
            if (there == null) {
                held.put(d.deviceId(), d.certificateSha256());
                active.put(d.deviceId(), true);
                creations.merge(d.deviceId(), 1, Integer::sum);
                answers.add(new RegistryAnswer.Registered(d.entryId(), d.deviceId(), false));
            } else if (there.equals(d.certificateSha256())) {
                answers.add(new RegistryAnswer.Registered(d.entryId(), d.deviceId(), true));
            } else {
                answers.add(new RegistryAnswer.Conflict(d.entryId(), d.deviceId(), there, "holds another certificate"));
            }
        }
        if (loseNextAnswer) {
            loseNextAnswer = false;
            throw new IllegalStateException("the station died before the answer was recorded");
        }
        return answers;
    }

    @Override
    public RegistryAnswer revoke(Revocation revocation) throws RegistryException {
        if (!failures.isEmpty()) {
            throw failures.pop();
        }
        if (!held.containsKey(revocation.deviceId())) {
            return new RegistryAnswer.Rejected(revocation.entryId(), "no such device");
        }
        active.put(revocation.deviceId(), false);
        revoked.add(revocation.deviceId());
        return new RegistryAnswer.Registered(revocation.entryId(), revocation.deviceId(), false);
    }

    @Override
    public void forEachRegistered(Consumer<RegisteredDevice> sink) {
        held.forEach((id, sha) -> sink.accept(new RegisteredDevice(id, Optional.of(sha), active.get(id))));
    }

    @Override
    public void close() {
    }
}
