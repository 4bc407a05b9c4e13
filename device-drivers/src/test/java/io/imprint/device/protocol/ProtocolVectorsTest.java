package io.imprint.device.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import io.imprint.device.protocol.ProtocolVectors.Vector;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Reads the test vectors out of PROTOCOL.md and holds them against the code, so the document a
 * firmware engineer implements from cannot drift from what the station sends and accepts.
 */
class ProtocolVectorsTest {

    private static String document;
    private static Map<String, byte[]> documented;

    @BeforeAll
    static void readDocument() throws IOException {
        document = Files.readString(Path.of(System.getProperty("basedir", "."), "PROTOCOL.md"));
        documented = parse(document);
    }

    static Stream<Vector> vectors() {
        return ProtocolVectors.all().stream();
    }

    @Test
    void documentHasExactlyTheVectorsOfTheCodeInOrder() {
        assertThat(documented.keySet())
                .as("vector ids in PROTOCOL.md; regenerate the section with ProtocolVectors.main:%n%s", regenerated())
                .containsExactlyElementsOf(vectors().map(Vector::id).toList());
    }

    @Test
    void everyRequestAndReplyTypeHasAVector() {
        List<Integer> frameTypes = vectors().map(v -> v.frame().type()).toList();

        for (MessageType t : MessageType.values()) {
            assertThat(frameTypes).contains(t.code(), t.replyCode());
        }
        assertThat(frameTypes).contains(MessageType.ERROR_REPLY);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vectors")
    void documentedBytesDecodeToTheMessageAndReEncodeIdentically(Vector v) throws Exception {
        byte[] bytes = documented.get(v.id());
        assertThat(bytes).as("%s is missing from PROTOCOL.md", v.id()).isNotNull();

        FrameDecoder decoder = new FrameDecoder();
        decoder.feed(bytes, 0, bytes.length);
        DecodeResult result = decoder.poll();
        assertThat(result).as(v.id()).isInstanceOf(DecodeResult.Decoded.class);
        assertThat(decoder.poll()).isEqualTo(new DecodeResult.Idle());
        Frame frame = ((DecodeResult.Decoded) result).frame();
        assertThat(frame.seq()).isEqualTo(ProtocolVectors.SEQ);

        if (v.message() instanceof ProtocolVectors.Refused refused) {
            ProtocolException e = org.assertj.core.api.Assertions.catchThrowableOfType(ProtocolException.class,
                    () -> Request.decode(frame.type(), frame.payload()));
            assertThat(e).as("%s must not decode", v.id()).isNotNull();
            assertThat(e.errorCode()).as(v.id()).isEqualTo(refused.answer());
            assertThat(HexFormat.of().formatHex(FrameCodec.encode(v.frame()))).as(v.id()).isEqualTo(HexFormat.of().formatHex(bytes));
            return;
        }
        Object message = v.isRequest()
                ? Request.decode(frame.type(), frame.payload())
                : Reply.decode(v.request(), frame.type(), frame.payload());
        assertThat(message).as(v.id()).isEqualTo(v.message());

        Frame again = message instanceof Request r ? r.toFrame(frame.seq()) : ((Reply) message).toFrame(frame.seq());
        assertThat(HexFormat.of().formatHex(FrameCodec.encode(again)))
                .as(v.id()).isEqualTo(HexFormat.of().formatHex(bytes));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vectors")
    void documentedHeadingAndSizesMatchTheCode(Vector v) {
        assertThat(document).as("the block of %s", v.id()).contains(ProtocolVectors.markdown(v));
    }

    /** §6.3's subject example is what BouncyCastle encodes for CN=IMP-0001-A7F3 as a UTF8String. */
    @Test
    void subjectExampleIsTheDerOfOneUtf8StringCn() throws Exception {
        var subject = new org.bouncycastle.asn1.x500.X500Name(new org.bouncycastle.asn1.x500.RDN[] {new org.bouncycastle.asn1.x500.RDN(
                org.bouncycastle.asn1.x500.style.BCStyle.CN, new org.bouncycastle.asn1.DERUTF8String("IMP-0001-A7F3"))});
        assertThat(document).contains("Subject `CN=IMP-0001-A7F3`, UTF8String: `" + HexFormat.ofDelimiter(" ").formatHex(subject.getEncoded()) + "`");
    }

    @Test
    void errorCodeTableMatchesErrorCode() {
        for (ErrorCode e : ErrorCode.values()) {
            if (e != ErrorCode.NONE) {
                assertThat(document).as("error table row of %s", e)
                        .containsPattern(String.format("(?m)^\\| `0x%02X` \\| %s \\| .* \\| %s \\|$",
                                e.code(), e.name(), Pattern.quote(e.description())));
            }
        }
    }

    /** Vector id to frame bytes: a {@code #### V-...} heading, then the first {@code ```text} block. */
    static Map<String, byte[]> parse(String markdown) {
        Map<String, byte[]> vectors = new LinkedHashMap<>();
        String id = null;
        StringBuilder hex = null;
        for (String line : markdown.lines().toList()) {
            if (line.startsWith("#### V-")) {
                id = line.substring(5).split(" ", 2)[0];
            } else if (id != null && hex == null && line.equals("```text")) {
                hex = new StringBuilder();
            } else if (hex != null && line.equals("```")) {
                vectors.put(id, HexFormat.of().parseHex(hex.toString()));
                id = null;
                hex = null;
            } else if (hex != null) {
                hex.append(line.replace(" ", ""));
            }
        }
        return vectors;
    }

    private static String regenerated() {
        return vectors().map(ProtocolVectors::markdown).collect(Collectors.joining("\n"));
    }
}
