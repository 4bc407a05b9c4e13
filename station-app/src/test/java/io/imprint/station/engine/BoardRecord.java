package io.imprint.station.engine;

import io.imprint.device.protocol.BoardState;
import io.imprint.device.protocol.CredentialKind;
import io.imprint.device.sim.Flash;
import io.imprint.station.store.Sql;
import io.imprint.station.store.StoreException;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * A provisioned board seen two ways, to compare them: what its own flash holds, and what the batch log
 * says of its device id. Certificates are compared as hex of their DER bytes.
 *
 * <p>Stateless and thread-safe.
 */
final class BoardRecord {

    /** A board whose flash says LOCKED, with the device certificate it stored. */
    record OnBoard(Path flash, String deviceId, String certificateHex) {
        @Override
        public String toString() {
            return deviceId + " (" + flash.getFileName() + ")";
        }
    }

    /** The device's status in the batch log and the certificate its certificate_serial names. */
    record Recorded(String status, String certificateHex) {
    }

    private BoardRecord() {
    }

    static List<OnBoard> lockedBoards(List<Path> flashFiles) {
        List<OnBoard> locked = new ArrayList<>();
        for (Path file : flashFiles) {
            Flash flash = Flash.open(file, "unused");
            if (flash.state() == BoardState.LOCKED) {
                byte[] cert = flash.credentials().get(CredentialKind.DEVICE_CERT);
                locked.add(new OnBoard(file, flash.deviceId(), cert == null ? "(none)" : HexFormat.of().formatHex(cert)));
            }
        }
        return locked;
    }

    static Optional<Recorded> inBatchLog(Connection tx, String deviceId) throws StoreException {
        return Sql.query(tx, "SELECT d.status, c.pem FROM devices d LEFT JOIN certificates c ON c.serial = d.certificate_serial WHERE d.device_id = ?",
                rs -> new Recorded(rs.getString(1), rs.getString(2) == null ? "(none)" : HexFormat.of().formatHex(Certificates.der(rs.getString(2)))),
                deviceId).stream().findFirst();
    }
}
