package io.neuroframe.demo.player;

import com.jme3.app.Application;
import com.jme3.app.state.BaseAppState;
import com.jme3.input.InputManager;
import com.jme3.input.KeyInput;
import com.jme3.input.MouseInput;
import com.jme3.input.controls.ActionListener;
import com.jme3.input.controls.AnalogListener;
import com.jme3.input.controls.KeyTrigger;
import com.jme3.input.controls.MouseAxisTrigger;
import com.jme3.input.controls.MouseButtonTrigger;
import io.neuroframe.demo.app.VoxelGame;
import io.neuroframe.demo.world.BlockType;

/**
 * First-person controls: WASD to walk, mouse to look, Space to jump, Shift to sprint, left click to break and
 * right click to place a block, 1-6 to choose the block, Esc to release (and click to recapture) the mouse.
 */
public final class KeyboardMouseController extends BaseAppState implements ActionListener, AnalogListener {
    private static final float MOUSE_DEGREES = 160f;
    private static final BlockType[] HOTBAR = {
        BlockType.PLANKS, BlockType.STONE, BlockType.DIRT, BlockType.LOG, BlockType.LEAVES, BlockType.CRYSTAL,
    };
    private static final String[] MAPPINGS = {
        "forward", "back", "left", "right", "jump", "sprint", "attack", "use", "release",
        "lookLeft", "lookRight", "lookUp", "lookDown", "hotbar1", "hotbar2", "hotbar3", "hotbar4", "hotbar5", "hotbar6",
    };

    private final PlayerInput input = new PlayerInput();
    private boolean attackClicked;
    private boolean useClicked;
    private boolean captured = true;

    @Override
    protected void initialize(Application app) {
        // mappings are added in onEnable
    }

    @Override
    protected void cleanup(Application app) {
        // mappings are removed in onDisable
    }

    @Override
    protected void onEnable() {
        InputManager in = getApplication().getInputManager();
        in.addMapping("forward", new KeyTrigger(KeyInput.KEY_W));
        in.addMapping("back", new KeyTrigger(KeyInput.KEY_S));
        in.addMapping("left", new KeyTrigger(KeyInput.KEY_A));
        in.addMapping("right", new KeyTrigger(KeyInput.KEY_D));
        in.addMapping("jump", new KeyTrigger(KeyInput.KEY_SPACE));
        in.addMapping("sprint", new KeyTrigger(KeyInput.KEY_LSHIFT), new KeyTrigger(KeyInput.KEY_LCONTROL));
        in.addMapping("attack", new MouseButtonTrigger(MouseInput.BUTTON_LEFT));
        in.addMapping("use", new MouseButtonTrigger(MouseInput.BUTTON_RIGHT));
        in.addMapping("release", new KeyTrigger(KeyInput.KEY_ESCAPE));
        in.addMapping("lookLeft", new MouseAxisTrigger(MouseInput.AXIS_X, true));
        in.addMapping("lookRight", new MouseAxisTrigger(MouseInput.AXIS_X, false));
        in.addMapping("lookUp", new MouseAxisTrigger(MouseInput.AXIS_Y, false));
        in.addMapping("lookDown", new MouseAxisTrigger(MouseInput.AXIS_Y, true));
        int[] digits = {KeyInput.KEY_1, KeyInput.KEY_2, KeyInput.KEY_3, KeyInput.KEY_4, KeyInput.KEY_5, KeyInput.KEY_6};
        for (int i = 0; i < HOTBAR.length; i++) {
            in.addMapping("hotbar" + (i + 1), new KeyTrigger(digits[i]));
        }
        in.addListener(this, MAPPINGS);
        in.setCursorVisible(false);
        captured = true;
    }

    @Override
    protected void onDisable() {
        InputManager in = getApplication().getInputManager();
        in.removeListener(this);
        for (String mapping : MAPPINGS) {
            if (in.hasMapping(mapping)) {
                in.deleteMapping(mapping);
            }
        }
        in.setCursorVisible(true);
    }

    @Override
    public void onAction(String name, boolean pressed, float tpf) {
        switch (name) {
            case "forward" -> input.forward = pressed;
            case "back" -> input.back = pressed;
            case "left" -> input.left = pressed;
            case "right" -> input.right = pressed;
            case "jump" -> input.jump = pressed;
            case "sprint" -> input.sprint = pressed;
            case "attack" -> attackClicked |= pressed && captureOrTrue();
            case "use" -> useClicked |= pressed && captured;
            case "release" -> {
                if (pressed) {
                    captured = false;
                    getApplication().getInputManager().setCursorVisible(true);
                }
            }
            default -> {
                if (pressed && name.startsWith("hotbar")) {
                    player().setPlaceBlock(HOTBAR[Integer.parseInt(name.substring(6)) - 1]);
                }
            }
        }
    }

    /** A click while the mouse is free recaptures it instead of breaking a block. */
    private boolean captureOrTrue() {
        if (captured) {
            return true;
        }
        captured = true;
        getApplication().getInputManager().setCursorVisible(false);
        return false;
    }

    @Override
    public void onAnalog(String name, float value, float tpf) {
        if (!captured) {
            return;
        }
        float degrees = value * MOUSE_DEGREES;
        switch (name) {
            case "lookLeft" -> input.yawDegrees -= degrees;
            case "lookRight" -> input.yawDegrees += degrees;
            case "lookUp" -> input.pitchDegrees -= degrees;
            case "lookDown" -> input.pitchDegrees += degrees;
            default -> {
                // not a look axis
            }
        }
    }

    @Override
    public void update(float tpf) {
        input.attack = attackClicked;
        input.use = useClicked;
        player().step(input, Math.min(tpf, 0.1f));
        attackClicked = false;
        useClicked = false;
        input.yawDegrees = 0;
        input.pitchDegrees = 0;
    }

    private PlayerSimulation player() {
        return ((VoxelGame) getApplication()).player();
    }
}
