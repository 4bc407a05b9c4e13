package io.imprint.station.batch;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * A work order's worth of boards with one configuration.
 *
 * @param id         the work order number
 * @param product    what is being built
 * @param role       the functional role every board of the batch gets
 * @param quantity   how many boards, and so the batch's issuance quota
 * @param strategy   how boards get their identity
 * @param profile    the CA profile of the certificates (device, bootstrap, ...)
 * @param status     where the batch is in its life
 * @param cloud      what the cloud side needs to register the boards
 * @param createdBy  the supervisor who created it
 * @param createdAt  when
 */
public record Batch(String id, String product, String role, int quantity, Strategy strategy, String profile,
                    BatchStatus status, CloudAttributes cloud, String createdBy, Instant createdAt) {

    /** Registry attributes carried through to the cloud sync (AWS thing group, policy, type; custom attributes). */
    public record CloudAttributes(Optional<String> thingGroup, Optional<String> policyName, Optional<String> thingType,
                                  Map<String, String> attributes) {
        public CloudAttributes {
            attributes = Map.copyOf(attributes);
        }

        public static CloudAttributes none() {
            return new CloudAttributes(Optional.empty(), Optional.empty(), Optional.empty(), Map.of());
        }
    }

    public Batch withStatus(BatchStatus newStatus) {
        return new Batch(id, product, role, quantity, strategy, profile, newStatus, cloud, createdBy, createdAt);
    }
}
