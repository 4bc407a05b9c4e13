package io.imprint.station.label;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.client.j2se.MatrixToImageWriter;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import com.google.zxing.qrcode.encoder.ByteMatrix;
import com.google.zxing.qrcode.encoder.Encoder;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * The labels' QR codes (ZXing): error correction M (15 % of the code may be scuffed), text as UTF-8
 * with its ECI marker so a scanner does not guess ISO-8859-1, a four-module quiet zone.
 *
 * <p>Stateless and thread-safe.
 */
public final class QrCodes {

    public static final int QUIET_ZONE = 4;
    private static final Map<EncodeHintType, Object> HINTS = Map.of(EncodeHintType.ERROR_CORRECTION, ErrorCorrectionLevel.M,
            EncodeHintType.CHARACTER_SET, "UTF-8", EncodeHintType.MARGIN, QUIET_ZONE);

    private QrCodes() {
    }

    /** The code's modules without the quiet zone: {@code get(x, y) == 1} is dark. */
    public static ByteMatrix modules(String text) throws LabelException {
        try {
            return Encoder.encode(text, ErrorCorrectionLevel.M, HINTS).getMatrix();
        } catch (WriterException e) {
            throw LabelException.refused("cannot make a QR code of " + text.length() + " characters: " + e.getMessage());
        }
    }

    /** The code as a PNG, {@code pixelsPerModule} pixels to a module, quiet zone included. */
    public static byte[] png(String text, int pixelsPerModule) throws LabelException {
        if (pixelsPerModule < 1) {
            throw new IllegalArgumentException("pixelsPerModule must be at least 1");
        }
        int side = (modules(text).getWidth() + 2 * QUIET_ZONE) * pixelsPerModule;
        try {
            BitMatrix matrix = new QRCodeWriter().encode(text, BarcodeFormat.QR_CODE, side, side, HINTS);
            ByteArrayOutputStream png = new ByteArrayOutputStream();
            MatrixToImageWriter.writeToStream(matrix, "PNG", png);
            return png.toByteArray();
        } catch (WriterException e) {
            throw LabelException.refused("cannot make a QR code of " + text.length() + " characters: " + e.getMessage());
        } catch (IOException e) {
            throw new UncheckedIOException("writing a PNG to memory", e);
        }
    }
}
