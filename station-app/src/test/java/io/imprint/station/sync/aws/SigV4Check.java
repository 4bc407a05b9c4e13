package io.imprint.station.sync.aws;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * AWS Signature Version 4 checked from its published description (the IAM user guide's "Create a signed
 * AWS API request"), written without the SDK so that the stand-in server does not trust what it tests:
 * canonical request (each path segment URI-encoded once more, query sorted, signed headers trimmed,
 * payload SHA-256), string to sign, the derived key and the HMAC. {@link SigV4CheckTest} proves it on
 * AWS's own published example.
 *
 * <p>Immutable and thread-safe.
 */
final class SigV4Check {

    private static final Pattern AUTHORIZATION = Pattern.compile(
            "AWS4-HMAC-SHA256 Credential=([^/]+)/(\\d{8})/([^/]+)/([^/]+)/aws4_request, ?SignedHeaders=([a-z0-9;-]+), ?Signature=([0-9a-f]{64})");
    private static final DateTimeFormatter AMZ_DATE = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
    private static final Duration SKEW = Duration.ofMinutes(5);

    /** One request as the server received it; {@code headers} answers every value of a header by its lower-case name. */
    record Request(String method, String rawPath, String rawQuery, Function<String, List<String>> headers, byte[] body) {
    }

    private final String accessKeyId;
    private final String secretAccessKey;
    private final String region;
    private final String service;

    SigV4Check(String accessKeyId, String secretAccessKey, String region, String service) {
        this.accessKeyId = accessKeyId;
        this.secretAccessKey = secretAccessKey;
        this.region = region;
        this.service = service;
    }

    /** Why the request's signature does not hold, or empty when it does. */
    Optional<String> problem(Request request, Instant now) {
        List<String> authorization = request.headers().apply("authorization");
        if (authorization.size() != 1) {
            return Optional.of("no Authorization header");
        }
        Matcher m = AUTHORIZATION.matcher(authorization.getFirst());
        if (!m.matches()) {
            return Optional.of("Authorization is not AWS4-HMAC-SHA256 Credential=…, SignedHeaders=…, Signature=…");
        }
        if (!m.group(1).equals(accessKeyId)) {
            return Optional.of("unknown access key");
        }
        if (!m.group(3).equals(region) || !m.group(4).equals(service)) {
            return Optional.of("scope is " + m.group(3) + "/" + m.group(4) + ", expected " + region + "/" + service);
        }
        List<String> signed = List.of(m.group(5).split(";"));
        if (!signed.contains("host") || !signed.contains("x-amz-date")) {
            return Optional.of("host and x-amz-date must be signed");
        }
        List<String> date = request.headers().apply("x-amz-date");
        if (date.size() != 1 || !date.getFirst().startsWith(m.group(2))) {
            return Optional.of("x-amz-date does not match the credential scope's date");
        }
        Instant signedAt = Instant.from(AMZ_DATE.parse(date.getFirst()));
        if (Duration.between(signedAt, now).abs().compareTo(SKEW) > 0) {
            return Optional.of("signed at " + signedAt + ", more than " + SKEW.toMinutes() + " minutes from now");
        }
        String payloadHash = hex(sha256(request.body()));
        List<String> declared = request.headers().apply("x-amz-content-sha256");
        if (!declared.isEmpty() && !declared.getFirst().equals(payloadHash)) {
            return Optional.of("x-amz-content-sha256 is not the body's SHA-256");
        }
        String expected = signature(request, m.group(2), date.getFirst(), signed, payloadHash);
        return expected.equals(m.group(6)) ? Optional.empty() : Optional.of("signature does not match");
    }

    String signature(Request request, String day, String amzDate, List<String> signedHeaders, String payloadHash) {
        StringBuilder canonical = new StringBuilder();
        canonical.append(request.method()).append('\n').append(canonicalPath(request.rawPath())).append('\n')
                .append(canonicalQuery(request.rawQuery())).append('\n');
        for (String name : signedHeaders) {
            List<String> values = request.headers().apply(name);
            canonical.append(name).append(':').append(String.join(",", values.stream().map(v -> v.strip().replaceAll("\\s+", " ")).toList())).append('\n');
        }
        canonical.append('\n').append(String.join(";", signedHeaders)).append('\n').append(payloadHash);
        String scope = day + "/" + region + "/" + service + "/aws4_request";
        String toSign = "AWS4-HMAC-SHA256\n" + amzDate + "\n" + scope + "\n" + hex(sha256(canonical.toString().getBytes(StandardCharsets.UTF_8)));
        byte[] key = hmac(("AWS4" + secretAccessKey).getBytes(StandardCharsets.UTF_8), day);
        key = hmac(key, region);
        key = hmac(key, service);
        key = hmac(key, "aws4_request");
        return hex(hmac(key, toSign));
    }

    /** Every segment of the path as sent, encoded once more (all services but S3 sign the path double-encoded). */
    private static String canonicalPath(String rawPath) {
        if (rawPath == null || rawPath.isEmpty()) {
            return "/";
        }
        List<String> segments = new ArrayList<>();
        for (String segment : rawPath.split("/", -1)) {
            segments.add(encode(segment));
        }
        return String.join("/", segments);
    }

    private static String canonicalQuery(String rawQuery) {
        if (rawQuery == null || rawQuery.isEmpty()) {
            return "";
        }
        List<Map.Entry<String, String>> pairs = new ArrayList<>();
        for (String pair : rawQuery.split("&")) {
            int eq = pair.indexOf('=');
            String name = eq < 0 ? pair : pair.substring(0, eq);
            String value = eq < 0 ? "" : pair.substring(eq + 1);
            pairs.add(Map.entry(encode(decode(name)), encode(decode(value))));
        }
        pairs.sort(Map.Entry.<String, String>comparingByKey().thenComparing(Map.Entry.comparingByValue()));
        return String.join("&", pairs.stream().map(p -> p.getKey() + "=" + p.getValue()).toList());
    }

    /** RFC 3986: unreserved characters stay, every other byte becomes %XX in upper case. */
    static String encode(String text) {
        StringBuilder out = new StringBuilder();
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.' || c == '~') {
                out.append(c);
            } else {
                out.append('%').append(String.format(Locale.ROOT, "%02X", b & 0xff));
            }
        }
        return out.toString();
    }

    private static String decode(String text) {
        return java.net.URLDecoder.decode(text.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    private static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] hmac(byte[] key, String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }
}
