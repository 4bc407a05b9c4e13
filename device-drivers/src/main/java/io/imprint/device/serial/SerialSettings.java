package io.imprint.device.serial;

import java.util.Objects;

/**
 * How a serial line is framed. Boards in the field speak 8N1 without flow control; the other choices
 * exist for the odd bootloader that insists.
 *
 * <p>Immutable and thread-safe.
 *
 * @param baudRate bits per second, positive
 * @param dataBits 5 to 8
 */
public record SerialSettings(int baudRate, int dataBits, Parity parity, StopBits stopBits, FlowControl flowControl) {

    public enum Parity { NONE, EVEN, ODD }

    public enum StopBits { ONE, TWO }

    public enum FlowControl { NONE, RTS_CTS, XON_XOFF }

    public SerialSettings {
        if (baudRate <= 0) {
            throw new IllegalArgumentException("baud rate must be positive, was " + baudRate);
        }
        if (dataBits < 5 || dataBits > 8) {
            throw new IllegalArgumentException("data bits must be 5 to 8, was " + dataBits);
        }
        Objects.requireNonNull(parity, "parity");
        Objects.requireNonNull(stopBits, "stopBits");
        Objects.requireNonNull(flowControl, "flowControl");
    }

    /** 8N1, no flow control, at {@code baud}. */
    public static SerialSettings of(int baud) {
        return new SerialSettings(baud, 8, Parity.NONE, StopBits.ONE, FlowControl.NONE);
    }

    /** {@code 115200 8N1} for logs and operator screens. */
    public String describe() {
        String flow = switch (flowControl) {
            case NONE -> "";
            case RTS_CTS -> " RTS/CTS";
            case XON_XOFF -> " XON/XOFF";
        };
        return baudRate + " " + dataBits + parity.name().charAt(0) + (stopBits == StopBits.ONE ? "1" : "2") + flow;
    }
}
