package io.imprint.station.label;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.client.j2se.BufferedImageLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;

/** Test helpers that read labels back as a scanner or a printer would. */
final class QrDecoding {

    private QrDecoding() {
    }

    static String decode(BufferedImage image) throws Exception {
        var bitmap = new BinaryBitmap(new HybridBinarizer(new BufferedImageLuminanceSource(image)));
        return new QRCodeReader().decode(bitmap, Map.of(DecodeHintType.TRY_HARDER, Boolean.TRUE)).getText();
    }

    static String decodePng(byte[] png) throws Exception {
        return decode(ImageIO.read(new ByteArrayInputStream(png)));
    }

    /** The QR field's data of a ZPL label, its ^FH hex escapes undone as the printer does: what the printer encodes. */
    static String zplQrData(String zpl) {
        Matcher m = Pattern.compile("\\^BQN,2,\\d+\\^FH\\^FDMA,([^^]*)\\^FS").matcher(zpl);
        if (!m.find()) {
            throw new AssertionError("no ^BQN QR field in " + zpl);
        }
        return unescape(m.group(1));
    }

    static String unescape(String field) {
        var bytes = new java.io.ByteArrayOutputStream();
        for (int i = 0; i < field.length(); i++) {
            char c = field.charAt(i);
            if (c == '_') {
                bytes.write(HexFormat.fromHexDigits(field, i + 1, i + 3));
                i += 2;
            } else {
                bytes.write(c);
            }
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
