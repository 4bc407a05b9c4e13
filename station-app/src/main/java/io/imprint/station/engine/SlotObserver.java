package io.imprint.station.engine;

/**
 * Told every time a slot changes. Called on the slot's own thread: implementations hand the view to
 * their own thread (the UI marshals onto the FX thread) and return at once.
 */
@FunctionalInterface
public interface SlotObserver {

    void changed(SlotView view);

    SlotObserver NONE = view -> { };
}
