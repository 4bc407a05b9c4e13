package io.imprint.station.sync.azure;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The service SAS tokens DPS takes in the {@code Authorization} header:
 * {@code SharedAccessSignature sr=<url-encoded host>&sig=<url-encoded base64 HMAC-SHA256 of "<sr>\n<se>">&se=<expiry>&skn=<policy>}.
 * A token lives {@link #LIFETIME}; a new one is made once less than {@link #RENEW_BEFORE} is left, so a
 * request never leaves with a token that expires on the way.
 *
 * <p>Thread-safe: {@link #current()} is synchronized; the key never leaves this object.
 */
final class SasTokens {

    static final Duration LIFETIME = Duration.ofHours(1);
    static final Duration RENEW_BEFORE = Duration.ofMinutes(5);

    private final String resource;
    private final String policyName;
    private final SecretKeySpec key;
    private final Clock clock;
    private String token;
    private Instant expiry = Instant.MIN;

    SasTokens(DpsConnectionString connection, Clock clock) {
        this.resource = encode(connection.hostName());
        this.policyName = connection.policyName();
        this.key = new SecretKeySpec(connection.key(), "HmacSHA256");
        this.clock = clock;
    }

    /** The token to send now. */
    synchronized String current() {
        Instant now = clock.instant();
        if (token == null || !now.plus(RENEW_BEFORE).isBefore(expiry)) {
            expiry = now.plus(LIFETIME);
            token = make(expiry.getEpochSecond());
        }
        return token;
    }

    /** When the current token expires (for tests of renewal). */
    synchronized Instant expiry() {
        return expiry;
    }

    /**
     * The text with the current token, its signature (encoded or not) and the key's Base64 cut out: for
     * messages built from what a server answered, since a server may quote the header back.
     */
    synchronized String redact(String text) {
        String out = text;
        if (token != null) {
            out = out.replace(token, "<token>");
            String sig = token.substring(token.indexOf("&sig=") + 5, token.indexOf("&se="));
            out = out.replace(sig, "<sig>").replace(URLDecoder.decode(sig, StandardCharsets.UTF_8), "<sig>");
        }
        return out.replace(Base64.getEncoder().encodeToString(key.getEncoded()), "<key>");
    }

    private String make(long se) {
        String signature = Base64.getEncoder().encodeToString(hmac(resource + "\n" + se));
        return "SharedAccessSignature sr=" + resource + "&sig=" + encode(signature) + "&se=" + se + "&skn=" + encode(policyName);
    }

    private byte[] hmac(String text) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac.doFinal(text.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            // Every Java runtime has HmacSHA256; if this one has not, no token can be made at all.
            throw new IllegalStateException("HmacSHA256 is not available in this Java runtime", e);
        }
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
