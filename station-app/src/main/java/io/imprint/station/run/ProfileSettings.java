package io.imprint.station.run;

import io.imprint.ca.ceremony.CaDirectory;
import io.imprint.ca.profile.CaConfig;
import io.imprint.ca.profile.ProfileEdit;
import io.imprint.station.audit.AuditEvent;
import io.imprint.station.audit.AuditTrail;
import io.imprint.station.store.StationDatabase;
import io.imprint.station.store.StoreException;
import io.imprint.station.store.Transactions;
import io.imprint.station.util.JsonText;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Map;
import java.util.TreeMap;

/**
 * The admin's edits of the certificate profiles, which live in the CA directory's {@code ca.conf}
 * (the CA reads them at start, so a change applies at the station's next start). Each change is
 * checked by {@link ProfileEdit}, written atomically, and recorded in the audit trail with who made it
 * and the profile's settings before and after.
 *
 * <p>Thread-safe: changes take turns, so two admins cannot lose each other's edit.
 */
public final class ProfileSettings {

    private final CaDirectory caDirectory;
    private final StationDatabase db;
    private final AuditTrail audit;

    public ProfileSettings(CaDirectory caDirectory, StationDatabase db, AuditTrail audit) {
        this.caDirectory = caDirectory;
        this.db = db;
        this.audit = audit;
    }

    /** The profiles as ca.conf has them now (the template's when there is no ca.conf). */
    public synchronized CaConfig current() throws IOException {
        return Files.exists(caDirectory.config()) ? CaConfig.load(caDirectory.config()) : CaConfig.defaults();
    }

    /**
     * Sets {@code values} (see {@link ProfileEdit#KEYS}) on {@code profile}. Refuses, changing nothing,
     * a value the CA could not use (IllegalArgumentException, its message for the admin).
     */
    public synchronized void change(String profile, Map<String, String> values, String actor) throws IOException, StoreException {
        String before = Files.exists(caDirectory.config()) ? Files.readString(caDirectory.config(), StandardCharsets.UTF_8) : CaConfig.defaultFileText();
        String after = ProfileEdit.apply(before, profile, values);
        // Audited first: a change the trail does not show must not be in force. A crash between the two
        // leaves an event for a change not made, which the file itself then shows.
        Transactions.inTransaction(db, tx -> audit.append(tx, new AuditEvent(actor, "settings.profile-changed", profile,
                JsonText.of("file", caDirectory.config().toString(), "set", describe(values)))));
        CaDirectory.writeAtomically(caDirectory.config(), after);
    }

    /** {@code key-types=p256, validity=P3650D}: flat, as the audit trail's details are. */
    private static String describe(Map<String, String> values) {
        return String.join(", ", new TreeMap<>(values).entrySet().stream().map(e -> e.getKey() + "=" + e.getValue().strip()).toList());
    }
}
