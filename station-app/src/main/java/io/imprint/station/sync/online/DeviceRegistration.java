package io.imprint.station.sync.online;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a registry must learn about one provisioned board: its outbox entry, its certificate and the
 * batch's cloud attributes.
 *
 * @param entryId           the sync_outbox entry this delivers
 * @param deviceId          the board's id: the AWS thing name, the DPS registration id
 * @param certificatePem    its certificate, PEM
 * @param certificateSha256 lower-case hex SHA-256 of the certificate's DER: how a re-send recognises it
 * @param caChainPem        the issuing CA first, PEM each
 */
public record DeviceRegistration(long entryId, String batchId, String deviceId, String serial, String certificatePem,
                                 String certificateSha256, List<String> caChainPem, Optional<String> thingGroup,
                                 Optional<String> policyName, Optional<String> thingType, Map<String, String> attributes) {
    public DeviceRegistration {
        caChainPem = List.copyOf(caChainPem);
        attributes = Map.copyOf(attributes);
    }
}
