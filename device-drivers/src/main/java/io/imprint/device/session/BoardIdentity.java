package io.imprint.device.session;

import java.util.HexFormat;

/**
 * What a board says it is (IDENTIFY).
 *
 * @param deviceId         the id its certificate will carry as CN
 * @param chipUid          the silicon's unique id
 * @param hardwareRevision board revision
 * @param firmwareVersion  firmware running the provisioning interface
 */
public record BoardIdentity(String deviceId, byte[] chipUid, String hardwareRevision, String firmwareVersion) {

    public BoardIdentity {
        chipUid = chipUid.clone();
    }

    @Override
    public byte[] chipUid() {
        return chipUid.clone();
    }

    public String chipUidHex() {
        return HexFormat.of().formatHex(chipUid);
    }

    @Override
    public String toString() {
        return "BoardIdentity[" + deviceId + ", chip " + chipUidHex() + ", hw " + hardwareRevision + ", fw " + firmwareVersion + "]";
    }
}
