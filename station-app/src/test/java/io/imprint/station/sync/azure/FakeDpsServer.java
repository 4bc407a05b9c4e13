package io.imprint.station.sync.azure;

import io.imprint.station.sync.online.RegistryCertificates;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.imprint.station.util.JsonText;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Deque;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A stand-in for Azure DPS's service API 2021-10-01 on 127.0.0.1, for tests of the client: it checks
 * every request's SAS token on its own (recomputes the HMAC with the policy key, checks sr, se, skn),
 * checks the api-version and each body against the documented shapes, and keeps enrollments in
 * memory so re-sends, conflicts, revocation and query paging behave as DPS's do. Answers as DPS does:
 * the certificate PEM left out of what it returns, only its info with upper-case thumbprints.
 *
 * <p>Stricter than DPS where the station gains from it: unknown enrollment fields are refused, and an
 * X.509 enrollment's registrationId must be its certificate's subject CN.
 *
 * <p>Thread-safe: every handler runs under the server's lock.
 */
final class FakeDpsServer implements AutoCloseable {

    private static final Pattern REGISTRATION_ID = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9:._-]{0,126}[A-Za-z0-9])?");
    private static final Set<String> ENROLLMENT_FIELDS = Set.of("registrationId", "deviceId", "registrationState", "optionalDeviceInformation",
            "attestation", "capabilities", "iotHubHostName", "initialTwin", "etag", "provisioningStatus", "reprovisionPolicy",
            "createdDateTimeUtc", "lastUpdatedDateTimeUtc", "allocationPolicy", "iotHubs", "customAllocationDefinition");

    /** One request as received, for tests to assert on. */
    record Request(String method, String path, String body, String authorization, String ifMatch) {
    }

    private record Failure(int status, String retryAfter) {
    }

    private final String hostName;
    private final String policyName;
    private final byte[] key;
    private final Clock clock;
    private final HttpServer server;
    private final TreeMap<String, ObjectNode> enrollments = new TreeMap<>();
    private final Map<String, Integer> creations = new TreeMap<>();
    private final Map<String, String> certificates = new LinkedHashMap<>();
    private final List<Request> requests = new ArrayList<>();
    private final Deque<Failure> failures = new ArrayDeque<>();
    private final Map<String, Integer> enrollmentFailures = new LinkedHashMap<>();
    private int etags;
    private boolean echoAuthorisation;
    private boolean allOrNothing;

    FakeDpsServer(String hostName, String policyName, String keyBase64, Clock clock) throws IOException {
        this.hostName = hostName;
        this.policyName = policyName;
        this.key = Base64.getDecoder().decode(keyBase64);
        this.clock = clock;
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
    }

    /** The next requests fail with these statuses, in turn (429 with the given Retry-After). */
    synchronized void failNext(int status, String retryAfter) {
        failures.add(new Failure(status, retryAfter));
    }

    /** The next bulk create refuses this one enrollment with DPS's six-digit code (e.g. 400004, 429001, 500000). */
    synchronized void failEnrollment(String registrationId, int errorCode) {
        enrollmentFailures.put(registrationId.toLowerCase(Locale.ROOT), errorCode);
    }

    /** Bulk creates apply all their enrollments or none (the spec does not say which DPS does). */
    synchronized void allOrNothing() {
        allOrNothing = true;
    }

    /** A careless server that quotes the Authorization header in its 401 message: the client must not pass it on. */
    synchronized void echoAuthorisationOnRefusal() {
        echoAuthorisation = true;
    }

    synchronized List<Request> requests() {
        return List.copyOf(requests);
    }

    synchronized long count(String method, String path) {
        return requests.stream().filter(r -> r.method().equals(method) && r.path().equals(path)).count();
    }

    /** How many times each registration id was created by a bulk call (a re-send that found it there is not one). */
    synchronized Map<String, Integer> creations() {
        return Map.copyOf(creations);
    }

    synchronized int enrollmentCount() {
        return enrollments.size();
    }

    synchronized ObjectNode enrollment(String registrationId) {
        ObjectNode e = enrollments.get(registrationId.toLowerCase(Locale.ROOT));
        return e == null ? null : e.deepCopy();
    }

    /** Deletes an enrollment, as someone with the portal might. */
    synchronized void remove(String registrationId) {
        enrollments.remove(registrationId.toLowerCase(Locale.ROOT));
    }

    /** Puts an enrollment in place as if someone else had created it. */
    synchronized void preload(String registrationId, String certificatePem) {
        store(registrationId, certificatePem, "enabled", JsonText.MAPPER.createObjectNode());
    }

    private synchronized void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String method = exchange.getRequestMethod();
            String path = exchange.getRequestURI().getPath();
            String auth = exchange.getRequestHeaders().getFirst("Authorization");
            requests.add(new Request(method, path, body, auth, exchange.getRequestHeaders().getFirst("If-Match")));
            String refusal = tokenProblem(auth);
            if (refusal != null) {
                send(exchange, 401, error(401002, echoAuthorisation ? refusal + " (token " + auth + ")" : refusal));
                return;
            }
            if (!("api-version=" + DpsBodies.API_VERSION).equals(exchange.getRequestURI().getRawQuery())) {
                send(exchange, 400, error(400001, "api-version must be " + DpsBodies.API_VERSION));
                return;
            }
            Failure failure = failures.poll();
            if (failure != null) {
                if (failure.retryAfter() != null) {
                    exchange.getResponseHeaders().add("Retry-After", failure.retryAfter());
                }
                send(exchange, failure.status(), error(failure.status() * 1000, "injected failure"));
                return;
            }
            route(exchange, method, path, body);
        } catch (RuntimeException e) {
            send(exchange, 500, error(500000, "stand-in failed: " + e));
        }
    }

    private void route(HttpExchange exchange, String method, String path, String body) throws IOException {
        JsonNode json = null;
        if (method.equals("POST") || method.equals("PUT")) {
            String type = exchange.getRequestHeaders().getFirst("Content-Type");
            if (type == null || !type.startsWith("application/json")) {
                send(exchange, 415, error(415000, "Content-Type must be application/json"));
                return;
            }
            try {
                json = JsonText.MAPPER.readTree(body);
            } catch (IOException e) {
                send(exchange, 400, error(400004, "body is not JSON"));
                return;
            }
        }
        if (method.equals("POST") && path.equals("/enrollments")) {
            bulk(exchange, json);
        } else if (method.equals("POST") && path.equals("/enrollments/query")) {
            query(exchange, json);
        } else if (path.startsWith("/enrollments/") && method.equals("GET")) {
            get(exchange, path.substring("/enrollments/".length()));
        } else if (path.startsWith("/enrollments/") && method.equals("PUT")) {
            put(exchange, path.substring("/enrollments/".length()), json);
        } else {
            send(exchange, 405, error(405000, method + " " + path + " is not an operation of this stand-in"));
        }
    }

    /** Recomputes the signature from the policy key; null if the token is good, else why not. */
    private String tokenProblem(String header) {
        if (header == null || !header.startsWith("SharedAccessSignature ")) {
            return "no SharedAccessSignature";
        }
        Map<String, String> fields = new LinkedHashMap<>();
        for (String part : header.substring("SharedAccessSignature ".length()).split("&")) {
            int eq = part.indexOf('=');
            if (eq <= 0 || fields.put(part.substring(0, eq), part.substring(eq + 1)) != null) {
                return "malformed token";
            }
        }
        if (!fields.keySet().equals(Set.of("sr", "sig", "se", "skn"))) {
            return "token fields must be sr, sig, se, skn";
        }
        if (!URLDecoder.decode(fields.get("sr"), StandardCharsets.UTF_8).equals(hostName)) {
            return "token is for another resource";
        }
        if (!URLDecoder.decode(fields.get("skn"), StandardCharsets.UTF_8).equals(policyName)) {
            return "unknown shared access policy";
        }
        long se;
        try {
            se = Long.parseLong(fields.get("se"));
        } catch (NumberFormatException e) {
            return "se is not a number";
        }
        if (se <= clock.instant().getEpochSecond()) {
            return "token expired";
        }
        String expected = Base64.getEncoder().encodeToString(hmac(URLEncoder.encode(hostName, StandardCharsets.UTF_8) + "\n" + se));
        if (!MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
                URLDecoder.decode(fields.get("sig"), StandardCharsets.UTF_8).getBytes(StandardCharsets.US_ASCII))) {
            return "signature does not verify";
        }
        return null;
    }

    private void bulk(HttpExchange exchange, JsonNode op) throws IOException {
        String problem = bulkProblem(op);
        if (problem != null) {
            send(exchange, 400, error(400004, problem));
            return;
        }
        ArrayNode errors = JsonText.MAPPER.createArrayNode();
        Map<String, ObjectNode> before = new TreeMap<>(enrollments);
        for (JsonNode e : op.get("enrollments")) {
            String id = e.get("registrationId").asText();
            Integer injected = enrollmentFailures.remove(id.toLowerCase(Locale.ROOT));
            if (injected != null) {
                errors.addObject().put("registrationId", id).put("errorCode", injected).put("errorStatus", "injected failure");
            } else if (enrollments.containsKey(id.toLowerCase(Locale.ROOT))) {
                errors.addObject().put("registrationId", id).put("errorCode", 409201).put("errorStatus", "Enrollment already exists");
            } else {
                creations.merge(id.toLowerCase(Locale.ROOT), 1, Integer::sum);
                store(id, e.at("/attestation/x509/clientCertificates/primary/certificate").asText(),
                        e.path("provisioningStatus").asText("enabled"), (ObjectNode) e);
            }
        }
        if (allOrNothing && !errors.isEmpty()) {
            enrollments.clear();
            enrollments.putAll(before);
        }
        ObjectNode result = JsonText.MAPPER.createObjectNode().put("isSuccessful", errors.isEmpty());
        result.set("errors", errors);
        send(exchange, 200, result);
    }

    private String bulkProblem(JsonNode op) {
        if (op == null || !op.isObject() || !op.path("mode").isTextual() || !op.path("enrollments").isArray()) {
            return "a BulkEnrollmentOperation needs mode and enrollments";
        }
        if (!Set.of("mode", "enrollments").containsAll(iterable(op.fieldNames()))) {
            return "unknown fields in the bulk operation";
        }
        if (!op.get("mode").asText().equals("create")) {
            return "this stand-in only takes mode create";
        }
        int n = op.get("enrollments").size();
        if (n < 1 || n > 10) {
            return "a bulk operation takes 1 to 10 enrollments, not " + n;
        }
        for (JsonNode e : op.get("enrollments")) {
            String problem = enrollmentProblem(e);
            if (problem != null) {
                return problem;
            }
        }
        return null;
    }

    private String enrollmentProblem(JsonNode e) {
        if (!e.isObject() || !ENROLLMENT_FIELDS.containsAll(iterable(e.fieldNames()))) {
            return "an IndividualEnrollment with fields outside the spec";
        }
        String id = e.path("registrationId").asText("");
        if (!REGISTRATION_ID.matcher(id).matches()) {
            return "registrationId '" + id + "' breaks DPS's rules";
        }
        JsonNode attestation = e.path("attestation");
        if (!attestation.path("type").asText().equals("x509") || !Set.of("type", "x509").containsAll(iterable(attestation.fieldNames()))
                || !Set.of("clientCertificates").containsAll(iterable(attestation.path("x509").fieldNames()))
                || !Set.of("primary").containsAll(iterable(attestation.at("/x509/clientCertificates").fieldNames()))) {
            return "attestation of " + id + " is not {type:x509, x509:{clientCertificates:{primary:{certificate}}}}";
        }
        X509Certificate certificate;
        try {
            certificate = RegistryCertificates.parse(attestation.at("/x509/clientCertificates/primary/certificate").asText());
        } catch (IllegalArgumentException ex) {
            return "the certificate of " + id + " is not a PEM certificate";
        }
        String cn = commonName(certificate);
        if (!cn.equalsIgnoreCase(id)) {
            return "registrationId " + id + " is not its certificate's CN " + cn;
        }
        String status = e.path("provisioningStatus").asText("enabled");
        if (!status.equals("enabled") && !status.equals("disabled")) {
            return "provisioningStatus must be enabled or disabled";
        }
        if (e.has("initialTwin") && (!e.get("initialTwin").isObject() || !e.get("initialTwin").path("tags").isObject())) {
            return "initialTwin.tags must be an object";
        }
        return null;
    }

    private void get(HttpExchange exchange, String id) throws IOException {
        ObjectNode e = enrollments.get(id.toLowerCase(Locale.ROOT));
        if (e == null) {
            send(exchange, 404, error(404201, "Enrollment not found"));
            return;
        }
        exchange.getResponseHeaders().add("ETag", e.get("etag").asText());
        send(exchange, 200, e);
    }

    private void put(HttpExchange exchange, String id, JsonNode body) throws IOException {
        ObjectNode held = enrollments.get(id.toLowerCase(Locale.ROOT));
        String ifMatch = exchange.getRequestHeaders().getFirst("If-Match");
        if (held != null && ifMatch != null && !ifMatch.equals(held.get("etag").asText())) {
            send(exchange, 412, error(412002, "etag does not match"));
            return;
        }
        if (body == null || !body.isObject() || !body.path("registrationId").asText().equalsIgnoreCase(id)
                || !ENROLLMENT_FIELDS.containsAll(iterable(body.fieldNames()))) {
            send(exchange, 400, error(400004, "PUT body must be the enrollment " + id));
            return;
        }
        JsonNode primary = body.at("/attestation/x509/clientCertificates/primary");
        String pem = primary.path("certificate").isTextual() ? primary.get("certificate").asText() : null;
        String thumbprint = primary.at("/info/sha256Thumbprint").asText("");
        if (pem == null && (held == null || !thumbprint.equals(held.at("/attestation/x509/clientCertificates/primary/info/sha256Thumbprint").asText()))) {
            send(exchange, 400, error(400004, "attestation has neither a certificate nor the held one's info"));
            return;
        }
        String status = body.path("provisioningStatus").asText("enabled");
        ObjectNode stored = store(id, pem != null ? pem : certificates.get(id.toLowerCase(Locale.ROOT)), status, (ObjectNode) body);
        send(exchange, 200, stored);
    }

    private void query(HttpExchange exchange, JsonNode spec) throws IOException {
        if (spec == null || !spec.path("query").isTextual() || spec.size() != 1) {
            send(exchange, 400, error(400004, "a QuerySpecification is {\"query\":…}"));
            return;
        }
        String max = exchange.getRequestHeaders().getFirst("x-ms-max-item-count");
        int pageSize = max == null ? 100 : Integer.parseInt(max);
        String continuation = exchange.getRequestHeaders().getFirst("x-ms-continuation");
        String after = continuation == null ? null : new String(Base64.getDecoder().decode(continuation), StandardCharsets.UTF_8);
        ArrayNode page = JsonText.MAPPER.createArrayNode();
        String last = null;
        for (Map.Entry<String, ObjectNode> e : (after == null ? enrollments : enrollments.tailMap(after, false)).entrySet()) {
            if (page.size() == pageSize) {
                exchange.getResponseHeaders().add("x-ms-continuation", Base64.getEncoder().encodeToString(last.getBytes(StandardCharsets.UTF_8)));
                break;
            }
            page.add(e.getValue());
            last = e.getKey();
        }
        exchange.getResponseHeaders().add("x-ms-item-type", "Enrollment");
        send(exchange, 200, page);
    }

    /** Keeps the enrollment as DPS shows it: PEM left out, certificate info with upper-case thumbprints, a new etag. */
    private ObjectNode store(String id, String pem, String status, ObjectNode sent) {
        X509Certificate certificate = RegistryCertificates.parse(pem);
        ObjectNode e = JsonText.MAPPER.createObjectNode().put("registrationId", id.toLowerCase(Locale.ROOT));
        ObjectNode info = e.putObject("attestation").put("type", "x509").putObject("x509").putObject("clientCertificates").putObject("primary")
                .putObject("info");
        info.put("subjectName", certificate.getSubjectX500Principal().getName());
        info.put("sha1Thumbprint", digest("SHA-1", certificate));
        info.put("sha256Thumbprint", digest("SHA-256", certificate));
        info.put("issuerName", certificate.getIssuerX500Principal().getName());
        info.put("notBeforeUtc", certificate.getNotBefore().toInstant().toString());
        info.put("notAfterUtc", certificate.getNotAfter().toInstant().toString());
        info.put("serialNumber", certificate.getSerialNumber().toString(16).toUpperCase(Locale.ROOT));
        info.put("version", 3);
        if (sent.has("initialTwin")) {
            e.set("initialTwin", sent.get("initialTwin"));
        }
        e.put("provisioningStatus", status);
        e.put("etag", "\"" + ++etags + "\"");
        e.put("createdDateTimeUtc", clock.instant().toString());
        enrollments.put(id.toLowerCase(Locale.ROOT), e);
        certificates.put(id.toLowerCase(Locale.ROOT), pem);
        return e;
    }

    private static String commonName(X509Certificate certificate) {
        try {
            return new javax.naming.ldap.LdapName(certificate.getSubjectX500Principal().getName()).getRdns().stream()
                    .filter(r -> r.getType().equalsIgnoreCase("CN")).map(r -> r.getValue().toString()).findFirst().orElse("");
        } catch (javax.naming.InvalidNameException e) {
            return "";
        }
    }

    private static String digest(String algorithm, X509Certificate certificate) {
        try {
            return HexFormat.of().withUpperCase().formatHex(MessageDigest.getInstance(algorithm).digest(certificate.getEncoded()));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private byte[] hmac(String text) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(text.getBytes(StandardCharsets.UTF_8));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static ObjectNode error(int code, String message) {
        return JsonText.MAPPER.createObjectNode().put("errorCode", code).put("trackingId", "stand-in").put("message", message)
                .put("timestampUtc", "2026-01-01T00:00:00Z");
    }

    private static void send(HttpExchange exchange, int status, JsonNode body) throws IOException {
        byte[] bytes = JsonText.MAPPER.writeValueAsBytes(body);
        exchange.getResponseHeaders().add("Content-Type", "application/json; charset=utf-8");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    private static List<String> iterable(java.util.Iterator<String> names) {
        List<String> out = new ArrayList<>();
        names.forEachRemaining(out::add);
        return out;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
