package io.imprint.device.nrf91;

import io.imprint.device.sim.SimulatorFarm;
import io.imprint.device.transport.Transport;
import java.security.SecureRandom;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * Simulated nRF91 modems for a {@link SimulatorFarm}: each keeps its credential store across re-plugs, as
 * the modem's flash does, and a fresh modem gets a new IMEI and device UUID.
 *
 * <p>Thread-safe.
 */
public final class Nrf91Fixture implements SimulatorFarm.Family<Nrf91Fixture.SimulatedModem> {

    /** One modem: its identity and its flash. */
    public static final class SimulatedModem {
        private final String imei;
        private final UUID uuid;
        private final SimulatedStore store = new SimulatedStore();
        private volatile Nrf91Simulator live;

        SimulatedModem(String imei, UUID uuid) {
            this.imei = imei;
            this.uuid = uuid;
        }

        public String imei() {
            return imei;
        }

        /** The id the station gives it: {@code nrf-<IMEI>}. */
        public String deviceId() {
            return "nrf-" + imei;
        }

        /** What credential {@code type} of {@code secTag} holds, exactly as written. */
        public Optional<String> stored(int secTag, int type) {
            synchronized (store) {
                return store.get(secTag, type);
            }
        }

        /** The simulator while plugged in, for faults. */
        public Optional<Nrf91Simulator> live() {
            return Optional.ofNullable(live);
        }
    }

    private static final SecureRandom RANDOM = new SecureRandom();
    private final Consumer<Nrf91Simulator> setUp;

    /** @param setUp called on each simulator as it is plugged in (faults); may do nothing */
    public Nrf91Fixture(Consumer<Nrf91Simulator> setUp) {
        this.setUp = setUp;
    }

    public Nrf91Fixture() {
        this(sim -> { });
    }

    @Override
    public SimulatedModem newBoard(int index) {
        // 35 + 13 random digits: an IMEI-shaped number no real modem is likely to have in a test's lifetime.
        StringBuilder imei = new StringBuilder("35");
        for (int i = 0; i < 13; i++) {
            imei.append(RANDOM.nextInt(10));
        }
        return new SimulatedModem(imei.toString(), UUID.randomUUID());
    }

    @Override
    public AutoCloseable serve(SimulatedModem modem, Transport master) {
        Nrf91Simulator sim = new Nrf91Simulator(master, modem.imei, modem.uuid, "nRF9160-SICA", "mfw_nrf9160_1.3.5", modem.store);
        setUp.accept(sim);
        modem.live = sim;
        sim.start();
        return () -> {
            modem.live = null;
            sim.close();
        };
    }
}
