package io.imprint.ca.profile;

import io.imprint.ca.key.KeyAlgorithm;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;

/**
 * The CA's configuration: key names and types of the ceremony, subject attributes, and the certificate
 * profiles. Read from a properties file documented in {@code ca-offline/CA.md}; every key has a default,
 * so an empty file is a working CA.
 *
 * <p>Immutable and thread-safe.
 */
public record CaConfig(
        Optional<String> keyUri,
        String rootObject,
        String issuingObject,
        KeyAlgorithm rootKeyType,
        KeyAlgorithm issuingKeyType,
        String rootCommonName,
        String issuingCommonName,
        Duration rootValidity,
        Duration issuingValidity,
        Map<String, CertificateProfile> profiles) {

    public static final String DEFAULT_RESOURCE = "/io/imprint/ca/profile/ca.conf";

    public CaConfig {
        profiles = Map.copyOf(profiles);
    }

    public CertificateProfile profile(String name) {
        CertificateProfile p = profiles.get(name);
        if (p == null) {
            throw new IllegalArgumentException("no certificate profile '" + name + "' (configured: " + new TreeSet<>(profiles.keySet()) + ")");
        }
        return p;
    }

    /** The built-in defaults: the documented template with nothing changed. */
    public static CaConfig defaults() {
        return parse(new Properties(), "defaults");
    }

    public static String defaultFileText() {
        try (var in = CaConfig.class.getResourceAsStream(DEFAULT_RESOURCE)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException | NullPointerException e) {
            throw new IllegalStateException("the built-in ca.conf template is missing", e);
        }
    }

    public static CaConfig load(Path file) throws IOException {
        Properties props = new Properties();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            props.load(r);
        }
        return parse(props, file.toString());
    }

    static CaConfig parse(Properties p, String source) {
        Properties defaults = new Properties();
        try {
            defaults.load(new java.io.StringReader(defaultFileText()));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        Properties all = new Properties();
        all.putAll(defaults);
        all.putAll(p);
        try {
            Optional<String> org = nonBlank(all.getProperty("subject.organization"));
            Optional<String> ou = nonBlank(all.getProperty("subject.organizational-unit"));
            Map<String, CertificateProfile> profiles = new LinkedHashMap<>();
            for (String key : new TreeSet<>(all.stringPropertyNames())) {
                if (key.startsWith("profile.")) {
                    String name = key.substring(8, key.indexOf('.', 8) < 0 ? key.length() : key.indexOf('.', 8));
                    profiles.computeIfAbsent(name, n -> profile(n, all, org, ou));
                }
            }
            return new CaConfig(
                    nonBlank(all.getProperty("key.uri")),
                    all.getProperty("root.object").strip(),
                    all.getProperty("issuing.object").strip(),
                    KeyAlgorithm.parse(all.getProperty("root.key-type")),
                    KeyAlgorithm.parse(all.getProperty("issuing.key-type")),
                    all.getProperty("root.common-name").strip(),
                    all.getProperty("issuing.common-name").strip(),
                    Duration.parse(all.getProperty("root.validity").strip()),
                    Duration.parse(all.getProperty("issuing.validity").strip()),
                    profiles);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("CA config " + source + ": " + e.getMessage(), e);
        }
    }

    private static CertificateProfile profile(String name, Properties all, Optional<String> org, Optional<String> ou) {
        String prefix = "profile." + name + ".";
        String validity = all.getProperty(prefix + "validity", "P365D").strip();
        Set<String> curves = new TreeSet<>();
        int rsaMinBits = 0;
        for (String type : all.getProperty(prefix + "key-types", "p256, p384").split(",")) {
            String t = type.strip().toLowerCase(java.util.Locale.ROOT);
            if (t.equals("rsa")) {
                rsaMinBits = Integer.parseInt(all.getProperty(prefix + "rsa-min-bits", "2048").strip());
            } else if (!t.isEmpty()) {
                curves.add(EcCurves.parse(t));
            }
        }
        return new CertificateProfile(name,
                validity.equalsIgnoreCase("forever") ? Optional.empty() : Optional.of(Duration.parse(validity)),
                curves, rsaMinBits, nonBlank(all.getProperty(prefix + "san-uri-prefix")), org, ou);
    }

    private static Optional<String> nonBlank(String s) {
        return s == null || s.isBlank() ? Optional.empty() : Optional.of(s.strip());
    }
}
