package io.imprint.station.run;

import io.imprint.station.account.Accounts;
import io.imprint.station.account.Operator;

/**
 * An open station and who unlocked it: the supervisor whose PIN logged the HSM in.
 *
 * @param setup    the station, its HSM logged in
 * @param accounts the station's accounts
 * @param by       the supervisor (or admin) who unlocked it
 */
public record Unlocked(StationSetup setup, Accounts accounts, Operator by) {
}
