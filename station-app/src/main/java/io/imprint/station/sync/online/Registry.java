package io.imprint.station.sync.online;

import java.util.List;
import java.util.function.Consumer;

/**
 * The port the store-and-forward sync drives: one cloud registry (AWS IoT, Azure DPS). Implementations
 * are idempotent: a re-send of what the registry already holds with the same certificate fingerprint
 * answers {@link RegistryAnswer.Registered} with {@code alreadyThere}, never a second object.
 *
 * <p>Implementations say in their Javadoc whether they are thread-safe; the sync calls one from one thread.
 */
public interface Registry extends AutoCloseable {

    SyncTarget target();

    /** How many registrations one {@link #register} call may carry (Azure DPS bulk: 10; AWS: 1). */
    default int maxBatch() {
        return 1;
    }

    /** Registers up to {@link #maxBatch()} devices; one answer per registration, in their order. */
    List<RegistryAnswer> register(List<DeviceRegistration> devices) throws RegistryException;

    /** Makes the registry refuse a revoked certificate (AWS: status REVOKED; DPS: enrollment disabled). */
    RegistryAnswer revoke(Revocation revocation) throws RegistryException;

    /** Every device the registry holds that this station could have registered, for reconcile. */
    void forEachRegistered(Consumer<RegisteredDevice> sink) throws RegistryException;

    @Override
    void close();
}
