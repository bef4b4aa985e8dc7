package io.neuroframe.capture;

import com.jme3.app.Application;
import com.jme3.app.state.BaseAppState;

/**
 * An app state that reads frames back: its {@link FrameGrabber} is on the GUI view port (the last
 * that renders) while the state is attached. A subclass that overrides {@link #initialize} or
 * {@link #cleanup} calls this class's first.
 */
public abstract class GrabbingAppState extends BaseAppState {
    private final FrameGrabber grabber = new FrameGrabber();

    /** The grabber on the GUI view port; {@link FrameGrabber#request} during an update grabs that frame. */
    public final FrameGrabber grabber() {
        return grabber;
    }

    @Override
    protected void initialize(Application app) {
        app.getGuiViewPort().addProcessor(grabber);
    }

    @Override
    protected void cleanup(Application app) {
        app.getGuiViewPort().removeProcessor(grabber);
    }

    @Override
    protected void onEnable() {
        // the work is done in update
    }

    @Override
    protected void onDisable() {
        // nothing attached
    }
}
