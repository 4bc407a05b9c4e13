package io.imprint.ca.key;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Where a key lives, as a URI. Two schemes:
 * <ul>
 *   <li>{@code pkcs11:token=station;object=issuing-ca?pin-source=file:/etc/imprint/pin&module-path=/usr/lib/softhsm/libsofthsm2.so}
 *       (RFC 7512; {@code object} may be left out where a command names its own objects)</li>
 *   <li>{@code pkcs12:/var/lib/imprint/ca.p12?pin-source=env:IMPRINT_CA_PIN}: a software store, only on request</li>
 * </ul>
 * {@code pin-value} is refused: a PIN written into a URI ends up in shell histories and process lists.
 *
 * <p>Immutable and thread-safe.
 */
public sealed interface KeyUri permits KeyUri.Pkcs11, KeyUri.Pkcs12 {

    String DEFAULT_MODULE = "/usr/lib/softhsm/libsofthsm2.so";

    Optional<String> object();

    Optional<String> pinSource();

    /** The same location with another object name. */
    KeyUri withObject(String object);

    record Pkcs11(String token, Optional<String> object, Path modulePath, Optional<String> pinSource) implements KeyUri {
        @Override
        public KeyUri withObject(String newObject) {
            return new Pkcs11(token, Optional.of(newObject), modulePath, pinSource);
        }

        @Override
        public String toString() {
            return "pkcs11:token=" + token + object.map(o -> ";object=" + o).orElse("")
                    + "?module-path=" + modulePath + pinSource.map(p -> "&pin-source=" + p).orElse("");
        }
    }

    record Pkcs12(Path file, Optional<String> object, Optional<String> pinSource) implements KeyUri {
        @Override
        public KeyUri withObject(String newObject) {
            return new Pkcs12(file, Optional.of(newObject), pinSource);
        }

        @Override
        public String toString() {
            return "pkcs12:" + file + object.map(o -> ";object=" + o).orElse("")
                    + pinSource.map(p -> "?pin-source=" + p).orElse("");
        }
    }

    static KeyUri parse(String uri) {
        int colon = uri.indexOf(':');
        if (colon < 0) {
            throw new IllegalArgumentException("key URI '" + uri + "' has no scheme (use pkcs11:… or pkcs12:…)");
        }
        String scheme = uri.substring(0, colon);
        String rest = uri.substring(colon + 1);
        int q = rest.indexOf('?');
        String path = q < 0 ? rest : rest.substring(0, q);
        Map<String, String> query = attributes(q < 0 ? "" : rest.substring(q + 1), "&", uri);
        if (query.containsKey("pin-value")) {
            throw new IllegalArgumentException("key URI: pin-value is not accepted; give the PIN through pin-source=file:… or env:…, or let Imprint prompt for it");
        }
        Optional<String> pinSource = Optional.ofNullable(query.get("pin-source"));
        return switch (scheme) {
            case "pkcs11" -> {
                Map<String, String> attrs = attributes(path, ";", uri);
                String token = attrs.get("token");
                if (token == null || token.isEmpty()) {
                    throw new IllegalArgumentException("key URI '" + uri + "' names no token (add token=…)");
                }
                Path module = Path.of(query.getOrDefault("module-path", DEFAULT_MODULE));
                yield new Pkcs11(token, Optional.ofNullable(attrs.get("object")), module, pinSource);
            }
            case "pkcs12" -> {
                String[] parts = path.split(";", 2);
                if (parts[0].isEmpty()) {
                    throw new IllegalArgumentException("key URI '" + uri + "' names no file (pkcs12:/path/to/store.p12)");
                }
                Map<String, String> attrs = attributes(parts.length > 1 ? parts[1] : "", ";", uri);
                yield new Pkcs12(Path.of(decode(parts[0])), Optional.ofNullable(attrs.get("object")), pinSource);
            }
            default -> throw new IllegalArgumentException("key URI scheme '" + scheme + "' is not supported (use pkcs11: or pkcs12:)");
        };
    }

    private static Map<String, String> attributes(String text, String separator, String uri) {
        Map<String, String> map = new LinkedHashMap<>();
        if (text.isEmpty()) {
            return map;
        }
        for (String part : text.split(separator)) {
            int eq = part.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("key URI '" + uri + "': attribute '" + part + "' is not name=value");
            }
            String name = part.substring(0, eq);
            if (map.put(name, decode(part.substring(eq + 1))) != null) {
                throw new IllegalArgumentException("key URI '" + uri + "': attribute '" + name + "' appears twice");
            }
        }
        return map;
    }

    private static String decode(String value) {
        return URLDecoder.decode(value.replace("+", "%2B"), StandardCharsets.UTF_8);
    }
}
