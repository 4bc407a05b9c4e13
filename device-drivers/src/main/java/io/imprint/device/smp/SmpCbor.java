package io.imprint.device.smp;

import com.fasterxml.jackson.core.util.JsonRecyclerPools;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.cbor.CBORFactory;
import com.fasterxml.jackson.dataformat.cbor.databind.CBORMapper;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The one CBOR mapper for SMP bodies. Bodies are Jackson trees ({@link ObjectNode}), which Jackson writes
 * as definite-length maps as Zephyr's zcbor expects; {@code byte[]} values become byte strings.
 *
 * <p>Thread-safe. Buffers are not recycled: an upload body holds key bytes, and a recycled buffer would
 * keep them alive in a pool after the upload is over.
 */
public final class SmpCbor {

    private static final CBORMapper MAPPER = new CBORMapper(
            CBORFactory.builder().recyclerPool(JsonRecyclerPools.nonRecyclingPool()).build());

    private SmpCbor() {
    }

    public static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    public static byte[] encode(JsonNode body) {
        try {
            return MAPPER.writeValueAsBytes(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The body as a tree; IllegalArgumentException if it is not one CBOR map. */
    public static JsonNode decode(byte[] body, int offset, int length) {
        try {
            JsonNode node = MAPPER.readTree(body, offset, length);
            if (node == null || !node.isObject()) {
                throw new IllegalArgumentException("SMP body is not a CBOR map");
            }
            return node;
        } catch (IOException e) {
            throw new IllegalArgumentException("SMP body is not valid CBOR: " + e.getMessage(), e);
        }
    }
}
