package io.imprint.ca.cli;

import io.imprint.ca.CaException;
import io.imprint.ca.OfflineCa;
import io.imprint.ca.ceremony.CaDirectory;
import io.imprint.ca.key.KeyUri;
import io.imprint.ca.profile.CaConfig;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import picocli.CommandLine.Option;

/** Options every {@code imprint ca} command shares. */
final class CaOptions {

    @Option(names = "--ca-dir", paramLabel = "DIR", description = "CA directory (certificates, ledger, config; never keys). Default: ${DEFAULT-VALUE}")
    Path caDir = DataDirs.home().resolve("ca");

    @Option(names = "--key", paramLabel = "URI", description = "Key URI, e.g. pkcs11:token=imprint-ca;object=issuing-ca?pin-source=file:/etc/imprint/pin"
            + " (RFC 7512), or pkcs12:/path/ca.p12?pin-source=env:VAR for a software store. Default: key.uri in ca.conf")
    String key;

    @Option(names = "--config", paramLabel = "FILE", description = "CA configuration (profiles). Default: ca.conf in the CA directory, else built-in defaults")
    Path config;

    CaDirectory directory() {
        return new CaDirectory(caDir);
    }

    CaConfig loadConfig() throws CaException {
        return OfflineCa.config(directory(), Optional.ofNullable(config));
    }

    KeyUri keyUri(CaConfig cfg) throws CaException {
        return OfflineCa.keyUri(Optional.ofNullable(key), cfg);
    }

    OfflineCa open(PrintWriter err) throws CaException {
        CaConfig cfg = loadConfig();
        return OfflineCa.open(directory(), cfg, keyUri(cfg), w -> {
            err.println(w);
            err.flush();
        }, Clock.systemUTC());
    }
}
