package io.imprint.station.audit;

import io.imprint.station.store.StoreException;
import java.security.PublicKey;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * An audit log to verify or export: the station's database or an exported copy. Rows stream, so a
 * long log need not fit in memory; checkpoints and signers are few and come as lists.
 *
 * <p>Implementations are not thread-safe unless they say so.
 */
public interface AuditSource {

    /** The head the log records, if it records one. */
    Optional<ChainHead> head();

    List<AuditCheckpoint> checkpoints();

    /** Keys the log says signed it, by key id: information only, never a reason to trust a signature. */
    Map<String, PublicKey> recordedSigners();

    /** Passes every row to {@code sink} in the order the log holds them. */
    void forEachRow(Consumer<AuditRow> sink) throws StoreException;
}
