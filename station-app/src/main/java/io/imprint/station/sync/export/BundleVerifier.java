package io.imprint.station.sync.export;

import io.imprint.station.audit.StationKeys;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Checks an export bundle anywhere, with nothing but the station's public key: the signature over
 * SHA256SUMS, then every file against it, and that the folder holds exactly the files it lists.
 *
 * <p>Stateless and thread-safe.
 */
public final class BundleVerifier {

    /** What was found: {@code problems} empty means the bundle is as the station signed it. */
    public record Verification(int files, List<String> problems) {
        public Verification {
            problems = List.copyOf(problems);
        }

        public boolean ok() {
            return problems.isEmpty();
        }
    }

    private BundleVerifier() {
    }

    public static Verification verify(Path bundle, PublicKey stationKey) throws ExportException {
        if (!Files.isDirectory(bundle)) {
            throw ExportException.refused("no bundle folder at " + bundle);
        }
        List<String> problems = new ArrayList<>();
        Map<String, String> listed;
        try {
            byte[] list = Files.readAllBytes(bundle.resolve(BundleFiles.SUMS));
            signature(bundle, list, stationKey, problems);
            listed = parse(new String(list, StandardCharsets.US_ASCII), problems);
        } catch (java.nio.file.NoSuchFileException e) {
            return new Verification(0, List.of("no " + e.getFile() + ": not an export bundle, or its signed list was removed"));
        } catch (IOException e) {
            throw ExportException.failed("cannot read the bundle " + bundle + ": " + e.getMessage(), e);
        }
        try {
            for (var f : listed.entrySet()) {
                Path file = bundle.resolve(f.getKey());
                if (!Files.isRegularFile(file)) {
                    problems.add(f.getKey() + " is missing");
                } else if (!BundleFiles.sha256(file).equals(f.getValue())) {
                    problems.add(f.getKey() + " was changed after the station signed the bundle");
                }
            }
            Set<String> present = new TreeSet<>();
            try (Stream<Path> in = Files.list(bundle)) {
                in.forEach(p -> present.add(p.getFileName().toString()));
            }
            present.removeAll(listed.keySet());
            present.removeAll(Set.of(BundleFiles.SUMS, BundleFiles.SIGNATURE, BundleFiles.SIGNER));
            present.forEach(extra -> problems.add(extra + " is not in the signed list (added after the export)"));
        } catch (IOException e) {
            throw ExportException.failed("cannot read the bundle " + bundle + ": " + e.getMessage(), e);
        }
        return new Verification(listed.size(), problems);
    }

    private static void signature(Path bundle, byte[] list, PublicKey key, List<String> problems) throws IOException {
        Map<String, String> fields = new LinkedHashMap<>();
        for (String line : Files.readAllLines(bundle.resolve(BundleFiles.SIGNATURE), StandardCharsets.US_ASCII)) {
            int colon = line.indexOf(": ");
            if (colon > 0) {
                fields.put(line.substring(0, colon), line.substring(colon + 2));
            }
        }
        String keyId = StationKeys.keyId(key);
        if (!keyId.equals(fields.get("key-id"))) {
            problems.add("signed by key " + fields.get("key-id") + ", not by the station key given (" + keyId + ")");
            return;
        }
        try {
            Signature verifier = Signature.getInstance(StationKeys.signatureAlgorithm(key));
            verifier.initVerify(key);
            verifier.update(list);
            if (!verifier.verify(Base64.getDecoder().decode(fields.getOrDefault("signature", "")))) {
                problems.add(BundleFiles.SUMS + " does not match its signature: the list of files was changed");
            }
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            problems.add(BundleFiles.SIGNATURE + " holds no valid signature: " + e.getMessage());
        }
    }

    private static Map<String, String> parse(String list, List<String> problems) {
        Map<String, String> listed = new LinkedHashMap<>();
        for (String line : list.split("\n")) {
            if (line.isEmpty()) {
                continue;
            }
            String[] parts = line.split("  ", 2);
            if (parts.length != 2 || !parts[0].matches("[0-9a-f]{64}") || !BundleFiles.validName(parts[1])) {
                problems.add(BundleFiles.SUMS + " has a line that is not 'sha256  name': " + line);
            } else if (listed.put(parts[1], parts[0]) != null) {
                problems.add(BundleFiles.SUMS + " lists " + parts[1] + " twice");
            }
        }
        return listed;
    }
}
