package io.neuroframe.jme;

/** What {@link NeuroFrameAppState} puts on screen. */
public enum NeuralView {
    /** The engine's own render; the neural frame is hidden (the pipeline keeps running). */
    ENGINE("engine"),
    /** The neural frame, upscaled to the whole viewport. */
    NEURAL("neural"),
    /** The engine's render on the left half, the neural frame on the right half. */
    SIDE_BY_SIDE("side by side");

    private final String label;

    NeuralView(String label) {
        this.label = label;
    }

    /** A short name for overlays and logs. */
    public String label() {
        return label;
    }

    /** The next view in the cycle ENGINE -> NEURAL -> SIDE_BY_SIDE -> ENGINE. */
    public NeuralView next() {
        NeuralView[] all = values();
        return all[(ordinal() + 1) % all.length];
    }
}
