package io.imprint.ca.cli;

import io.imprint.ca.ceremony.KeyCeremony;
import io.imprint.ca.issue.Pem;
import io.imprint.ca.key.KeyManager;
import io.imprint.ca.key.KeyManagers;
import io.imprint.ca.key.KeyUri;
import io.imprint.ca.profile.CaConfig;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code imprint ca init}: the key ceremony. */
@Command(name = "init", mixinStandardHelpOptions = true,
        description = "Key ceremony: create the root and issuing CA keys in the token, certify them, write the chain and the ceremony record. Never overwrites keys.")
final class CaInitCommand implements Callable<Integer> {

    @Mixin
    CaOptions options;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        CaConfig config = options.loadConfig();
        KeyUri uri = options.keyUri(config);
        try (KeyManager keys = KeyManagers.open(uri, err::println)) {
            KeyCeremony.Result result = new KeyCeremony(keys, config, options.directory(), Clock.systemUTC()).run(uri.toString());
            out.println("CA created in " + keys.describe());
            out.println("  root    " + result.root().getSubjectX500Principal().getName() + "  key '" + config.rootObject() + "' " + config.rootKeyType()
                    + "\n          SHA-256 " + Pem.sha256Hex(result.root().getEncoded()));
            out.println("  issuing " + result.issuing().getSubjectX500Principal().getName() + "  key '" + config.issuingObject() + "' " + config.issuingKeyType()
                    + "\n          SHA-256 " + Pem.sha256Hex(result.issuing().getEncoded()));
            out.println("  chain   " + options.directory().chain());
            out.println("  record  " + result.ceremonyRecord());
        }
        return 0;
    }
}
