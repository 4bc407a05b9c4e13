package io.imprint.station.engine;

/** Where a board is on its slot, in order; PASSED and FAILED end an attempt. */
public enum Step {
    DETECTED("Board detected"),
    IDENTIFIED("Identified"),
    CHECKED("Checked"),
    KEY_CSR("Making key"),
    SIGNED("Signed"),
    INSTALLED("Installed"),
    VERIFIED("Key proven"),
    LOCKED("Locked"),
    PASSED("PASS"),
    FAILED("FAIL");

    private final String label;

    Step(String label) {
        this.label = label;
    }

    /** What the operator's tile says. */
    public String label() {
        return label;
    }

    public boolean finished() {
        return this == PASSED || this == FAILED;
    }
}
