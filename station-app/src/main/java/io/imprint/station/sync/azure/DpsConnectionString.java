package io.imprint.station.sync.azure;

import io.imprint.station.sync.online.RegistryException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A DPS shared access policy's connection string, {@code HostName=…;SharedAccessKeyName=…;SharedAccessKey=…},
 * as the Azure portal shows it under "Shared access policies".
 *
 * <p>Not a record on purpose: a record's {@code toString} would print the key. Errors name the part that
 * is wrong, never the text, so a mistyped key does not end up in a log.
 *
 * <p>Immutable and thread-safe; {@link #key()} hands out a copy.
 */
public final class DpsConnectionString {

    /** A DNS host name: what {@code sr} signs and where requests go unless a test overrides the endpoint. */
    private static final Pattern HOST = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)+");
    private static final Pattern POLICY = Pattern.compile("[A-Za-z0-9._-]{1,256}");

    private final String hostName;
    private final String policyName;
    private final byte[] key;

    private DpsConnectionString(String hostName, String policyName, byte[] key) {
        this.hostName = hostName;
        this.policyName = policyName;
        this.key = key;
    }

    /** Parses the portal's text; an IllegalArgumentException says which part is missing or malformed. */
    public static DpsConnectionString parse(String text) {
        Map<String, String> parts = new LinkedHashMap<>();
        for (String part : text.strip().split(";")) {
            if (part.isBlank()) {
                continue;
            }
            int eq = part.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("the Azure DPS connection string has a part without a name=value form");
            }
            String name = part.substring(0, eq).strip();
            if (parts.put(name, part.substring(eq + 1).strip()) != null) {
                throw new IllegalArgumentException("the Azure DPS connection string names " + name + " twice");
            }
        }
        String host = required(parts, "HostName").toLowerCase(Locale.ROOT);
        if (!HOST.matcher(host).matches()) {
            throw new IllegalArgumentException("the Azure DPS connection string's HostName is not a host name (expected e.g. my-dps.azure-devices-provisioning.net)");
        }
        String policy = required(parts, "SharedAccessKeyName");
        if (!POLICY.matcher(policy).matches()) {
            throw new IllegalArgumentException("the Azure DPS connection string's SharedAccessKeyName is not a policy name");
        }
        byte[] key;
        try {
            key = Base64.getDecoder().decode(required(parts, "SharedAccessKey"));
        } catch (IllegalArgumentException e) {
            // The decoder's message quotes the offending character: leave it out.
            throw new IllegalArgumentException("the Azure DPS connection string's SharedAccessKey is not Base64 (copy it again from the portal)");
        }
        if (key.length < 16) {
            throw new IllegalArgumentException("the Azure DPS connection string's SharedAccessKey is too short to be a DPS key");
        }
        return new DpsConnectionString(host, policy, key);
    }

    /**
     * Reads the connection string from {@code file} if given, else from the environment variable
     * {@link AzureDpsRegistry#CONNECTION_STRING_ENV}. Failing that, or if it does not parse, UNAUTHORISED:
     * no request could be signed.
     */
    static DpsConnectionString load(Map<String, String> env, Optional<Path> file) throws RegistryException {
        String text;
        String source;
        if (file.isPresent()) {
            source = "file " + file.get();
            try {
                text = Files.readString(file.get(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new RegistryException(RegistryException.Kind.UNAUTHORISED, "cannot read the Azure DPS connection string from " + source
                        + " (" + e.getClass().getSimpleName() + ")", null, null);
            }
        } else {
            source = "environment variable " + AzureDpsRegistry.CONNECTION_STRING_ENV;
            text = env.get(AzureDpsRegistry.CONNECTION_STRING_ENV);
            if (text == null || text.isBlank()) {
                throw new RegistryException(RegistryException.Kind.UNAUTHORISED, "no Azure DPS connection string: set " + AzureDpsRegistry.CONNECTION_STRING_ENV
                        + " to the shared access policy's connection string, or name a file holding it in the station's settings", null, null);
            }
        }
        try {
            return parse(text);
        } catch (IllegalArgumentException e) {
            throw new RegistryException(RegistryException.Kind.UNAUTHORISED, e.getMessage() + " (read from " + source + ")", null, null);
        }
    }

    private static String required(Map<String, String> parts, String name) {
        String value = parts.get(name);
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException("the Azure DPS connection string has no " + name
                    + " (expected HostName=…;SharedAccessKeyName=…;SharedAccessKey=…)");
        }
        return value;
    }

    public String hostName() {
        return hostName;
    }

    public String policyName() {
        return policyName;
    }

    /** The policy's key, decoded; a copy, for the signer only. */
    byte[] key() {
        return key.clone();
    }

    @Override
    public String toString() {
        return "HostName=" + hostName + ";SharedAccessKeyName=" + policyName + ";SharedAccessKey=<hidden>";
    }
}
