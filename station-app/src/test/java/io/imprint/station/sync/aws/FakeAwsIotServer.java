package io.imprint.station.sync.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.imprint.station.sync.online.RegistryCertificates;
import io.imprint.station.util.JsonText;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A stand-in for the AWS IoT control plane's REST-JSON API on 127.0.0.1, for tests of the client. It
 * checks every request's SigV4 signature with {@link SigV4Check} (its own code, not the SDK's), each
 * body against the API reference's shapes (unknown fields refused), and keeps things, certificates,
 * principals, policy targets and group members in memory, answering and failing as AWS does: 409
 * ResourceAlreadyExistsException with resourceId and resourceArn, 404 ResourceNotFoundException, 429
 * ThrottlingException, 403 for a bad signature, the error type in {@code x-amzn-ErrorType}.
 *
 * <p>Stricter than AWS where the station gains from it: a thing's attributes must follow AWS's rules,
 * and a certificate attached EXCLUSIVE_THING to one thing cannot be attached to another.
 *
 * <p>Thread-safe: every handler runs under the server's lock.
 */
final class FakeAwsIotServer implements AutoCloseable {

    static final String ACCOUNT = "123456789012";

    /** One request as received, for tests to assert on. */
    record Request(String method, String path, String query, String body) {
    }

    /** A thing as held: its attributes, type and attached principals (certificate ARNs). */
    record Thing(String name, Map<String, String> attributes, String type, Set<String> principals) {
    }

    /** A certificate as held. */
    record Certificate(String id, String arn, String pem, String status, String exclusiveThing) {
    }

    private record Failure(int status, String errorType, String retryAfter) {
    }

    private static final Pattern THING_PRINCIPALS = Pattern.compile("/things/([^/]+)/principals");
    private static final Pattern THING = Pattern.compile("/things/([^/]+)");
    private static final Pattern CERTIFICATE = Pattern.compile("/certificates/([^/]+)");
    private static final Pattern TARGET_POLICY = Pattern.compile("/target-policies/([^/]+)");

    private final String region;
    private final SigV4Check signatures;
    private final Clock clock;
    private final HttpServer server;
    private final TreeMap<String, Thing> things = new TreeMap<>();
    private final Map<String, Certificate> certificates = new LinkedHashMap<>();
    private final Map<String, Set<String>> policyTargets = new HashMap<>();
    private final Map<String, Set<String>> groupMembers = new HashMap<>();
    private final Set<String> thingTypes = new LinkedHashSet<>();
    private final Map<String, Integer> thingCreations = new TreeMap<>();
    private final Map<String, Integer> certificateRegistrations = new TreeMap<>();
    private final List<Request> requests = new ArrayList<>();
    private final Deque<Failure> failures = new ArrayDeque<>();
    private int badSignatures;
    private int pageSize = 250;

    FakeAwsIotServer(String accessKeyId, String secretAccessKey, String region, Clock clock) throws IOException {
        this.region = region;
        this.signatures = new SigV4Check(accessKeyId, secretAccessKey, region, "iot");
        this.clock = clock;
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        // Several connections at once, as the sync keeps ten boards in flight; the state itself is under this object's lock.
        server.setExecutor(java.util.concurrent.Executors.newFixedThreadPool(8));
        server.start();
    }

    URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    // ---- what the test sets up ----

    synchronized void policy(String name) {
        policyTargets.putIfAbsent(name, new LinkedHashSet<>());
    }

    synchronized void group(String name) {
        groupMembers.putIfAbsent(name, new LinkedHashSet<>());
    }

    synchronized void thingType(String name) {
        thingTypes.add(name);
    }

    synchronized void pageSize(int size) {
        pageSize = size;
    }

    /** The next requests fail in turn with this status and AWS error type (429 with the given Retry-After, if any). */
    synchronized void failNext(int status, String errorType, String retryAfter) {
        failures.add(new Failure(status, errorType, retryAfter));
    }

    /** A thing with this certificate attached, as if someone else had registered it. */
    synchronized void preload(String thingName, String certificatePem) {
        things.put(thingName, new Thing(thingName, Map.of(), null, new LinkedHashSet<>()));
        Certificate c = certificate(certificatePem, "ACTIVE");
        things.get(thingName).principals().add(c.arn());
    }

    /** A certificate registered and nothing else, as a crash right after RegisterCertificateWithoutCA leaves it. */
    synchronized void preloadCertificate(String certificatePem) {
        certificate(certificatePem, "ACTIVE");
    }

    /** Deletes a thing (its certificates stay), as someone in the console might. */
    synchronized void remove(String thingName) {
        things.remove(thingName);
    }

    /** Detaches every principal of a thing, as someone in the console might. */
    synchronized void detachAll(String thingName) {
        things.get(thingName).principals().clear();
    }

    // ---- what the test reads ----

    synchronized List<Request> requests() {
        return List.copyOf(requests);
    }

    synchronized long count(String method, String path) {
        return requests.stream().filter(r -> r.method().equals(method) && r.path().equals(path)).count();
    }

    synchronized int badSignatures() {
        return badSignatures;
    }

    synchronized Optional<Thing> thing(String name) {
        return Optional.ofNullable(things.get(name));
    }

    synchronized int thingCount() {
        return things.size();
    }

    synchronized Optional<Certificate> certificateBySha256(String sha256) {
        return Optional.ofNullable(certificates.get(sha256.toLowerCase(Locale.ROOT)));
    }

    synchronized Set<String> policyTargets(String policy) {
        return Set.copyOf(policyTargets.getOrDefault(policy, Set.of()));
    }

    synchronized Set<String> groupMembers(String group) {
        return Set.copyOf(groupMembers.getOrDefault(group, Set.of()));
    }

    /** How many times each thing was created (CreateThing again with the same configuration is not a creation). */
    synchronized Map<String, Integer> thingCreations() {
        return Map.copyOf(thingCreations);
    }

    /** How many times each certificate (by SHA-256) was registered anew. */
    synchronized Map<String, Integer> certificateRegistrations() {
        return Map.copyOf(certificateRegistrations);
    }

    // ---- the API ----

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            String rawPath = exchange.getRequestURI().getRawPath();
            String rawQuery = exchange.getRequestURI().getRawQuery();
            Optional<String> problem = signatures.problem(new SigV4Check.Request(exchange.getRequestMethod(), rawPath, rawQuery,
                    name -> Optional.ofNullable(exchange.getRequestHeaders().get(name)).orElse(List.of()), body), clock.instant());
            Answer answer;
            synchronized (this) {
                String path = URLDecoder.decode(rawPath, StandardCharsets.UTF_8);
                requests.add(new Request(exchange.getRequestMethod(), path, rawQuery == null ? "" : rawQuery, new String(body, StandardCharsets.UTF_8)));
                if (problem.isPresent()) {
                    badSignatures++;
                    answer = Answer.error(403, "InvalidSignatureException", "The request signature we calculated does not match: " + problem.get());
                } else if (!failures.isEmpty()) {
                    Failure f = failures.poll();
                    answer = Answer.error(f.status(), f.errorType(), "injected").retryAfter(f.retryAfter());
                } else {
                    answer = route(exchange.getRequestMethod(), path, query(rawQuery), exchange.getRequestHeaders().getFirst("x-amzn-principal"),
                            body.length == 0 ? JsonText.MAPPER.createObjectNode() : JsonText.MAPPER.readTree(body));
                }
            }
            answer.send(exchange);
        } catch (RuntimeException e) {
            throw new IOException(e);
        }
    }

    private Answer route(String method, String path, Map<String, String> query, String principalHeader, JsonNode body) {
        Matcher m;
        if (method.equals("POST") && path.equals("/certificate/register-no-ca")) {
            return registerCertificate(body);
        }
        if (method.equals("PUT") && path.equals("/thing-groups/addThingToThingGroup")) {
            return addToGroup(body);
        }
        if (method.equals("GET") && path.equals("/things")) {
            return listThings(query);
        }
        if ((m = THING_PRINCIPALS.matcher(path)).matches()) {
            return method.equals("PUT") ? attachPrincipal(m.group(1), principalHeader, query) : listPrincipals(m.group(1), query);
        }
        if (method.equals("POST") && (m = THING.matcher(path)).matches()) {
            return createThing(m.group(1), body);
        }
        if ((m = CERTIFICATE.matcher(path)).matches()) {
            return method.equals("PUT") ? updateCertificate(m.group(1), query) : describeCertificate(m.group(1));
        }
        if (method.equals("PUT") && (m = TARGET_POLICY.matcher(path)).matches()) {
            return attachPolicy(m.group(1), body);
        }
        return Answer.error(404, "ResourceNotFoundException", "no such operation " + method + " " + path);
    }

    private Answer registerCertificate(JsonNode body) {
        Optional<Answer> shape = fields(body, Set.of("certificatePem", "status"), Set.of("certificatePem"));
        if (shape.isPresent()) {
            return shape.get();
        }
        String pem = body.get("certificatePem").asText();
        String sha = RegistryCertificates.sha256OrNull(pem);
        if (sha == null) {
            return Answer.error(400, "CertificateValidationException", "certificatePem is not a certificate");
        }
        Certificate held = certificates.get(sha);
        if (held != null) {
            return Answer.error(409, "ResourceAlreadyExistsException", "The certificate is already provisioned or registered")
                    .with("resourceId", held.id()).with("resourceArn", held.arn());
        }
        Certificate c = certificate(pem, body.path("status").asText("INACTIVE"));
        certificateRegistrations.merge(sha, 1, Integer::sum);
        return Answer.ok().with("certificateArn", c.arn()).with("certificateId", c.id());
    }

    private Answer createThing(String name, JsonNode body) {
        Optional<Answer> shape = fields(body, Set.of("thingTypeName", "attributePayload", "billingGroupName"), Set.of());
        if (shape.isPresent()) {
            return shape.get();
        }
        if (!ThingRules.isThingName(name)) {
            return Answer.error(400, "InvalidRequestException", "thingName " + name + " is not valid");
        }
        String type = body.hasNonNull("thingTypeName") ? body.get("thingTypeName").asText() : null;
        if (type != null && !thingTypes.contains(type)) {
            return Answer.error(404, "ResourceNotFoundException", "Thing type " + type + " does not exist");
        }
        Map<String, String> attributes = new TreeMap<>();
        body.path("attributePayload").path("attributes").properties().forEach(e -> attributes.put(e.getKey(), e.getValue().asText()));
        Optional<String> problem = ThingRules.problem(name, attributes, type != null);
        if (problem.isPresent()) {
            return Answer.error(400, "InvalidRequestException", problem.get());
        }
        Thing held = things.get(name);
        if (held != null) {
            if (held.attributes().equals(attributes) && java.util.Objects.equals(held.type(), type)) {
                return thingAnswer(name);
            }
            return Answer.error(409, "ResourceAlreadyExistsException", "Thing " + name + " already exists with different tags").with("resourceId", name)
                    .with("resourceArn", thingArn(name));
        }
        things.put(name, new Thing(name, Map.copyOf(attributes), type, new LinkedHashSet<>()));
        thingCreations.merge(name, 1, Integer::sum);
        return thingAnswer(name);
    }

    private Answer attachPrincipal(String name, String principal, Map<String, String> query) {
        Thing thing = things.get(name);
        if (principal == null || principal.isBlank()) {
            return Answer.error(400, "InvalidRequestException", "x-amzn-principal is required");
        }
        if (thing == null) {
            return Answer.error(404, "ResourceNotFoundException", "Thing " + name + " does not exist");
        }
        Certificate c = byArn(principal);
        if (c == null) {
            return Answer.error(404, "ResourceNotFoundException", "Principal " + principal + " does not exist");
        }
        String type = query.getOrDefault("thingPrincipalType", "NON_EXCLUSIVE_THING");
        boolean elsewhere = things.values().stream().anyMatch(t -> !t.name().equals(name) && t.principals().contains(principal));
        if ((c.exclusiveThing() != null && !c.exclusiveThing().equals(name)) || (type.equals("EXCLUSIVE_THING") && elsewhere)) {
            return Answer.error(400, "InvalidRequestException", "Principal is exclusively attached to another thing");
        }
        if (type.equals("EXCLUSIVE_THING")) {
            certificates.put(c.id(), new Certificate(c.id(), c.arn(), c.pem(), c.status(), name));
        }
        thing.principals().add(principal);
        return Answer.ok();
    }

    private Answer listPrincipals(String name, Map<String, String> query) {
        Thing thing = things.get(name);
        if (thing == null) {
            return Answer.error(404, "ResourceNotFoundException", "Thing " + name + " does not exist");
        }
        return page(List.copyOf(thing.principals()), query, "principals", p -> JsonText.MAPPER.getNodeFactory().textNode(p));
    }

    private Answer listThings(Map<String, String> query) {
        return page(List.copyOf(things.values()), query, "things", t -> {
            ObjectNode n = JsonText.MAPPER.createObjectNode().put("thingName", t.name()).put("thingArn", thingArn(t.name())).put("version", 1);
            t.attributes().forEach(n.putObject("attributes")::put);
            return n;
        });
    }

    private <T> Answer page(List<T> all, Map<String, String> query, String field, java.util.function.Function<T, JsonNode> node) {
        int size = Math.min(pageSize, Integer.parseInt(query.getOrDefault("maxResults", "250")));
        int from = Integer.parseInt(query.getOrDefault("nextToken", "0"));
        Answer answer = Answer.ok();
        var array = answer.body().putArray(field);
        all.subList(from, Math.min(all.size(), from + size)).forEach(t -> array.add(node.apply(t)));
        if (from + size < all.size()) {
            answer.with("nextToken", Integer.toString(from + size));
        }
        return answer;
    }

    private Answer describeCertificate(String id) {
        Certificate c = certificates.get(id);
        if (c == null) {
            return Answer.error(404, "ResourceNotFoundException", "The certificate " + id + " does not exist");
        }
        Answer answer = Answer.ok();
        answer.body().putObject("certificateDescription").put("certificateArn", c.arn()).put("certificateId", c.id()).put("status", c.status())
                .put("certificatePem", c.pem()).put("ownedBy", ACCOUNT).put("certificateMode", "SNI_ONLY");
        return answer;
    }

    private Answer updateCertificate(String id, Map<String, String> query) {
        Certificate c = certificates.get(id);
        String status = query.get("newStatus");
        if (status == null || !Set.of("ACTIVE", "INACTIVE", "REVOKED").contains(status)) {
            return Answer.error(400, "InvalidRequestException", "newStatus must be ACTIVE, INACTIVE or REVOKED");
        }
        if (c == null) {
            return Answer.error(404, "ResourceNotFoundException", "The certificate " + id + " does not exist");
        }
        certificates.put(id, new Certificate(c.id(), c.arn(), c.pem(), status, c.exclusiveThing()));
        return Answer.ok();
    }

    private Answer attachPolicy(String policy, JsonNode body) {
        Optional<Answer> shape = fields(body, Set.of("target"), Set.of("target"));
        if (shape.isPresent()) {
            return shape.get();
        }
        if (!policyTargets.containsKey(policy)) {
            return Answer.error(404, "ResourceNotFoundException", "Policy " + policy + " does not exist");
        }
        if (byArn(body.get("target").asText()) == null) {
            return Answer.error(404, "ResourceNotFoundException", "Target " + body.get("target").asText() + " does not exist");
        }
        policyTargets.get(policy).add(body.get("target").asText());
        return Answer.ok();
    }

    private Answer addToGroup(JsonNode body) {
        Optional<Answer> shape = fields(body, Set.of("thingGroupName", "thingGroupArn", "thingName", "thingArn", "overrideDynamicGroups"), Set.of());
        if (shape.isPresent()) {
            return shape.get();
        }
        String group = body.path("thingGroupName").asText(null);
        String thing = body.path("thingName").asText(null);
        if (group == null || thing == null) {
            return Answer.error(400, "InvalidRequestException", "thingGroupName and thingName are required here");
        }
        if (!groupMembers.containsKey(group)) {
            return Answer.error(404, "ResourceNotFoundException", "Thing group " + group + " does not exist");
        }
        if (!things.containsKey(thing)) {
            return Answer.error(404, "ResourceNotFoundException", "Thing " + thing + " does not exist");
        }
        groupMembers.get(group).add(thing);
        return Answer.ok();
    }

    // ---- helpers ----

    private Certificate certificate(String pem, String status) {
        String sha = RegistryCertificates.sha256OrNull(pem);
        Certificate c = new Certificate(sha, "arn:aws:iot:" + region + ":" + ACCOUNT + ":cert/" + sha, pem, status, null);
        certificates.put(sha, c);
        return c;
    }

    private Certificate byArn(String arn) {
        return certificates.values().stream().filter(c -> c.arn().equals(arn)).findFirst().orElse(null);
    }

    private String thingArn(String name) {
        return "arn:aws:iot:" + region + ":" + ACCOUNT + ":thing/" + name;
    }

    private Answer thingAnswer(String name) {
        return Answer.ok().with("thingName", name).with("thingArn", thingArn(name)).with("thingId", Integer.toHexString(name.hashCode()));
    }

    /** The documented fields only, the required ones present. */
    private static Optional<Answer> fields(JsonNode body, Set<String> allowed, Set<String> required) {
        for (String name : (Iterable<String>) body::fieldNames) {
            if (!allowed.contains(name)) {
                return Optional.of(Answer.error(400, "InvalidRequestException", "unknown field " + name));
            }
        }
        for (String name : required) {
            if (!body.hasNonNull(name)) {
                return Optional.of(Answer.error(400, "InvalidRequestException", name + " is required"));
            }
        }
        return Optional.empty();
    }

    private static Map<String, String> query(String rawQuery) {
        Map<String, String> query = new HashMap<>();
        if (rawQuery != null && !rawQuery.isEmpty()) {
            for (String pair : rawQuery.split("&")) {
                int eq = pair.indexOf('=');
                query.put(URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8),
                        eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return query;
    }

    @Override
    public void close() {
        server.stop(0);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }

    /** An HTTP answer in AWS's REST-JSON form. */
    private static final class Answer {
        private final int status;
        private final ObjectNode body = JsonText.MAPPER.createObjectNode();
        private String errorType;
        private String retryAfter;

        private Answer(int status) {
            this.status = status;
        }

        static Answer ok() {
            return new Answer(200);
        }

        static Answer error(int status, String type, String message) {
            Answer a = new Answer(status);
            a.errorType = type;
            a.body.put("message", message);
            return a;
        }

        ObjectNode body() {
            return body;
        }

        Answer with(String field, String value) {
            body.put(field, value);
            return this;
        }

        Answer retryAfter(String seconds) {
            this.retryAfter = seconds;
            return this;
        }

        void send(HttpExchange exchange) throws IOException {
            byte[] bytes = JsonText.MAPPER.writeValueAsBytes(body);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.getResponseHeaders().set("x-amzn-RequestId", java.util.UUID.randomUUID().toString());
            if (errorType != null) {
                exchange.getResponseHeaders().set("x-amzn-ErrorType", errorType + ":");
            }
            if (retryAfter != null) {
                exchange.getResponseHeaders().set("Retry-After", retryAfter);
            }
            exchange.sendResponseHeaders(status, bytes.length);
            exchange.getResponseBody().write(bytes);
        }
    }
}
