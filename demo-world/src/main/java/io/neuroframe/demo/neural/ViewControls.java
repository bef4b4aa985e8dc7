package io.neuroframe.demo.neural;

import com.jme3.app.Application;
import com.jme3.font.BitmapFont;
import com.jme3.font.BitmapText;
import com.jme3.input.InputManager;
import com.jme3.input.controls.ActionListener;
import com.jme3.input.controls.KeyTrigger;
import com.jme3.math.ColorRGBA;
import com.jme3.scene.Node;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A view state's key bindings and its help line at the bottom left of the screen. Bind in the
 * state's {@code initialize}, unbind in its {@code cleanup}; show and hide with the state.
 */
final class ViewControls {
    private final ActionListener listener;
    private final Map<String, Integer> bindings;
    private BitmapText help;

    /**
     * @param listener gets every binding's action
     * @param bindings key code ({@link com.jme3.input.KeyInput}) by action name
     */
    public ViewControls(ActionListener listener, Map<String, Integer> bindings) {
        this.listener = listener;
        this.bindings = new LinkedHashMap<>(bindings);
    }

    /** Creates the help line and maps the keys to the listener. */
    public void bind(Application app) {
        BitmapFont font = app.getAssetManager().loadFont("Interface/Fonts/Console.fnt");
        help = new BitmapText(font);
        help.setSize(font.getCharSet().getRenderedSize());
        help.setColor(ColorRGBA.White);
        help.setLocalTranslation(10, help.getLineHeight() + 6, 2);
        InputManager input = app.getInputManager();
        bindings.forEach((name, key) -> input.addMapping(name, new KeyTrigger(key)));
        input.addListener(listener, bindings.keySet().toArray(String[]::new));
    }

    /** Removes the listener and the key mappings. */
    public void unbind(Application app) {
        InputManager input = app.getInputManager();
        input.removeListener(listener);
        bindings.keySet().forEach(input::deleteMapping);
    }

    /** Attaches the help line to {@code guiNode}. */
    public void show(Node guiNode) {
        guiNode.attachChild(help);
    }

    /** Detaches the help line. */
    public void hide() {
        help.removeFromParent();
    }

    /** Sets the help line's text; does nothing before {@link #bind}. */
    public void setHelp(String text) {
        if (help != null) {
            help.setText(text);
        }
    }
}
