package io.imprint.station.sync.azure;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.imprint.station.sync.online.RegistryException;
import io.imprint.station.sync.online.RegistryException.Kind;
import io.imprint.station.util.JsonText;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Optional;

/**
 * One DPS service endpoint over HTTPS: signs each request with a fresh-enough SAS token, sends it, and
 * turns what cannot be recorded as an answer into a {@link RegistryException} — 429 THROTTLED (with
 * Retry-After), 5xx, timeouts and I/O UNAVAILABLE, 401/403 UNAUTHORISED. Every other status goes back to
 * the caller, which knows whether a 404 or 409 is an answer.
 *
 * <p>Messages carry the status, DPS's errorCode and its message with the token taken out: a server that
 * echoes the Authorization header does not put the signature into the station's log.
 *
 * <p>Thread-safe (the JDK's HttpClient and {@link SasTokens} are).
 */
final class DpsHttp implements AutoCloseable {

    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);
    private static final int MAX_DETAIL = 300;

    /** An answer the caller interprets: status, body text and the headers it may need. */
    record Answer(int status, String body, Optional<String> etag, Optional<String> continuation) {
    }

    private final HttpClient client;
    private final URI endpoint;
    private final SasTokens tokens;
    private final Clock clock;

    DpsHttp(URI endpoint, SasTokens tokens, Clock clock) {
        this.client = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT).followRedirects(HttpClient.Redirect.NEVER).build();
        this.endpoint = endpoint;
        this.tokens = tokens;
        this.clock = clock;
    }

    URI endpoint() {
        return endpoint;
    }

    /** Sends {@code method path?api-version=…} with the JSON of {@code body} (null for none) and extra headers. */
    Answer send(String method, String path, Object body, Map<String, String> headers) throws RegistryException {
        String what = method + " " + path;
        HttpRequest.Builder request = HttpRequest.newBuilder(endpoint.resolve(path + "?api-version=" + DpsBodies.API_VERSION))
                .timeout(REQUEST_TIMEOUT)
                .header("Accept", "application/json")
                .header("Authorization", tokens.current());
        headers.forEach(request::header);
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json; charset=utf-8")
                    .method(method, HttpRequest.BodyPublishers.ofByteArray(json(body)));
        }
        HttpResponse<String> response;
        try {
            response = client.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            // Timeouts are IOExceptions too; the cause's text names only the host and port.
            throw new RegistryException(Kind.UNAVAILABLE, "Azure DPS " + endpoint.getHost() + " did not answer " + what + ": "
                    + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : " " + tokens.redact(e.getMessage())), null, null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RegistryException(Kind.UNAVAILABLE, "interrupted while waiting for Azure DPS (" + what + ")", null, null);
        }
        int status = response.statusCode();
        if (status == 429) {
            Duration retryAfter = retryAfter(response.headers().firstValue("Retry-After")).orElse(null);
            throw new RegistryException(Kind.THROTTLED, "Azure DPS throttled " + what + detail(response.body())
                    + (retryAfter == null ? "" : " (retry after " + retryAfter.toSeconds() + " s)"), retryAfter, null);
        }
        if (status == 401 || status == 403) {
            throw new RegistryException(Kind.UNAUTHORISED, "Azure DPS refused the credentials for " + what + " (HTTP " + status + ")"
                    + detail(response.body()) + ": check the shared access policy (it needs Enrollment write) and its connection string", null, null);
        }
        if (status >= 500 || status < 200 || (status >= 300 && status < 400)) {
            throw new RegistryException(Kind.UNAVAILABLE, "Azure DPS answered " + what + " with HTTP " + status + detail(response.body()), null, null);
        }
        return new Answer(status, response.body(), response.headers().firstValue("ETag"), response.headers().firstValue("x-ms-continuation"));
    }

    /** {@code ": <errorCode> <message>"} from a ProvisioningServiceErrorDetails body, token-free and short; "" if none. */
    String detail(String body) {
        if (body == null || body.isBlank()) {
            return "";
        }
        String text;
        try {
            DpsBodies.ErrorDetails error = JsonText.MAPPER.readValue(body, DpsBodies.ErrorDetails.class);
            text = (error.errorCode() == null ? "" : error.errorCode() + " ") + (error.message() == null ? "" : error.message());
        } catch (JsonProcessingException | RuntimeException e) {
            text = body;
        }
        text = clean(text);
        return text.isEmpty() ? "" : ": " + text;
    }

    /** A server's text made fit for a message: token-free, one line, short. */
    String clean(String text) {
        if (text == null) {
            return "";
        }
        String out = tokens.redact(text.strip()).replaceAll("\\s+", " ");
        return out.length() > MAX_DETAIL ? out.substring(0, MAX_DETAIL) + "…" : out;
    }

    <T> T read(Answer answer, Class<T> type, String what) throws RegistryException {
        try {
            return JsonText.MAPPER.readValue(answer.body(), type);
        } catch (JsonProcessingException e) {
            // A body that is not what the spec says: a proxy page or a partial answer; try again later.
            throw new RegistryException(Kind.UNAVAILABLE, "Azure DPS answered " + what + " with a body that is not the documented JSON ("
                    + e.getOriginalMessage() + ")", null, null);
        }
    }

    private static byte[] json(Object body) {
        try {
            return JsonText.MAPPER.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a DPS request body", e);
        }
    }

    /** Retry-After as seconds or as an HTTP date. */
    private Optional<Duration> retryAfter(Optional<String> header) {
        if (header.isEmpty()) {
            return Optional.empty();
        }
        String value = header.get().strip();
        try {
            return Optional.of(Duration.ofSeconds(Math.max(0, Long.parseLong(value))));
        } catch (NumberFormatException notSeconds) {
            try {
                Duration d = Duration.between(clock.instant(), ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
                return Optional.of(d.isNegative() ? Duration.ZERO : d);
            } catch (DateTimeParseException notADate) {
                return Optional.empty();
            }
        }
    }

    @Override
    public void close() {
        client.close();
    }
}
