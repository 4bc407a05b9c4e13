package io.imprint.station.sync.online;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** Boards registered side by side through a registry that takes one a call. */
class ParallelRegistryTest {

    /** Takes one board a call; each call waits at a barrier, so it only answers when {@code together} calls are in flight. */
    private static final class OneAtATime implements Registry {
        final Set<String> held = ConcurrentHashMap.newKeySet();
        final CyclicBarrier together;
        final String failing;

        OneAtATime(int together, String failing) {
            this.together = new CyclicBarrier(together);
            this.failing = failing;
        }

        @Override
        public SyncTarget target() {
            return SyncTarget.AWS;
        }

        @Override
        public List<RegistryAnswer> register(List<DeviceRegistration> devices) throws RegistryException {
            assertThat(devices).hasSize(1);
            DeviceRegistration d = devices.getFirst();
            try {
                together.await(10, TimeUnit.SECONDS);
            } catch (Exception e) {
                throw new IllegalStateException("not all boards were in flight together", e);
            }
            if (d.deviceId().equals(failing)) {
                throw new RegistryException(RegistryException.Kind.THROTTLED, "ThrottlingException: Rate exceeded", null, null);
            }
            held.add(d.deviceId());
            return List.of(new RegistryAnswer.Registered(d.entryId(), d.deviceId(), false));
        }

        @Override
        public RegistryAnswer revoke(Revocation revocation) {
            return new RegistryAnswer.Registered(revocation.entryId(), revocation.deviceId(), false);
        }

        @Override
        public void forEachRegistered(Consumer<RegisteredDevice> sink) {
        }

        @Override
        public void close() {
        }
    }

    private static List<DeviceRegistration> boards(int n) {
        List<DeviceRegistration> boards = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            boards.add(new DeviceRegistration(i + 1, "B-1", "dev-" + i, "SN" + i, "pem", "ab".repeat(32), List.of(), Optional.empty(), Optional.empty(),
                    Optional.empty(), Map.of()));
        }
        return boards;
    }

    @Test
    void tenBoardsAreInFlightTogetherAndAnsweredInTheirOrder() throws Exception {
        OneAtATime delegate = new OneAtATime(10, null);
        try (ParallelRegistry registry = new ParallelRegistry(delegate, 10)) {
            List<RegistryAnswer> answers = registry.register(boards(10));
            assertThat(answers).extracting(RegistryAnswer::entryId).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L);
            assertThat(registry.maxBatch()).isEqualTo(10);
        }
    }

    @Test
    void oneThrottledBoardFailsTheCallAfterTheOthersRegistered() {
        OneAtATime delegate = new OneAtATime(4, "dev-2");
        try (ParallelRegistry registry = new ParallelRegistry(delegate, 4)) {
            assertThatThrownBy(() -> registry.register(boards(4))).isInstanceOfSatisfying(RegistryException.class,
                    e -> assertThat(e.kind()).isEqualTo(RegistryException.Kind.THROTTLED));
            assertThat(delegate.held).containsExactlyInAnyOrder("dev-0", "dev-1", "dev-3");
        }
    }
}
