package io.neuroframe.render.budget;

import io.neuroframe.render.timing.StageClock;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Locale;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Walks the {@link Rung} ladder to keep the work per frame under the budget, with hysteresis.
 * The rules are in {@link BudgetSettings}.
 *
 * <p>The pipeline calls {@link #update()} once per frame that enters it; the controller reads the
 * totals of its {@link StageClock}, so injected stage times on a
 * {@link io.neuroframe.render.timing.VirtualTimeSource} make its decisions exactly repeatable.
 * {@link #rung()} may be read from any thread (the engine reads it to choose its upscaler).
 */
public final class BudgetController {
    private static final Logger LOG = Logger.getLogger(BudgetController.class.getName());

    private final BudgetSettings settings;
    private final StageClock clock;
    private final Rung[] ladder;
    private final int[] calmWindowsNeeded;
    private final long stepDownAboveNanos;
    private final long stepUpBelowNanos;

    private volatile int level;
    private volatile long lastLoadNanos = -1;
    private volatile long stepDowns;
    private volatile long stepUps;
    private long windowStartFrames;
    private long windowStartBusyNanos;
    private int calmWindows;
    private int windowsSinceStepUp = -1;

    /** Starts at {@link Rung#FULL_QUALITY}, with the clock's current totals as the first window's start. */
    public BudgetController(BudgetSettings settings, StageClock clock) {
        if (settings == null || clock == null) {
            throw new IllegalArgumentException("settings and clock must not be null");
        }
        this.settings = settings;
        this.clock = clock;
        this.ladder = EnumSet.copyOf(settings.rungs()).toArray(new Rung[0]);
        this.calmWindowsNeeded = new int[ladder.length];
        Arrays.fill(calmWindowsNeeded, settings.stepUpWindows());
        long budgetNanos = settings.budget().toNanos();
        this.stepDownAboveNanos = Math.round(budgetNanos * settings.stepDownAbove());
        this.stepUpBelowNanos = Math.round(budgetNanos * settings.stepUpBelow());
        this.windowStartFrames = clock.framesStarted();
        this.windowStartBusyNanos = clock.busyNanos();
    }

    /** The rung in force now. */
    public Rung rung() {
        return ladder[level];
    }

    /** The settings this controller follows. */
    public BudgetSettings settings() {
        return settings;
    }

    /** Work per frame in the last completed window, in nanoseconds; -1 before the first window ends. */
    public long lastLoadNanos() {
        return lastLoadNanos;
    }

    /** How many times the controller stepped down. */
    public long stepDowns() {
        return stepDowns;
    }

    /** How many times the controller stepped up. */
    public long stepUps() {
        return stepUps;
    }

    /**
     * Closes the current window once it holds {@code windowFrames} frames and moves at most one
     * rung. Called by the pipeline on its latent worker once per frame; allocates nothing unless
     * the rung changes (then it logs).
     */
    public synchronized void update() {
        long frames = clock.framesStarted();
        long n = frames - windowStartFrames;
        if (n < settings.windowFrames()) {
            return;
        }
        long busy = clock.busyNanos();
        long load = (busy - windowStartBusyNanos) / n;
        windowStartFrames = frames;
        windowStartBusyNanos = busy;
        lastLoadNanos = load;
        boolean firstWindowAfterStepUp = windowsSinceStepUp == 0;
        if (windowsSinceStepUp >= 0) {
            windowsSinceStepUp++;
        }
        if (load > stepDownAboveNanos) {
            calmWindows = 0;
            if (level < ladder.length - 1) {
                if (firstWindowAfterStepUp) {
                    calmWindowsNeeded[level + 1] = Math.min(2 * calmWindowsNeeded[level + 1],
                            settings.maxStepUpWindows());
                }
                windowsSinceStepUp = -1;
                move(level + 1, load);
            }
        } else {
            if (windowsSinceStepUp >= settings.stepUpWindows()) {
                calmWindowsNeeded[level + 1] = settings.stepUpWindows();
                windowsSinceStepUp = -1;
            }
            if (load >= stepUpBelowNanos) {
                calmWindows = 0;
            } else if (++calmWindows >= calmWindowsNeeded[level] && level > 0) {
                calmWindows = 0;
                windowsSinceStepUp = 0;
                move(level - 1, load);
            }
        }
    }

    private void move(int newLevel, long load) {
        Rung from = ladder[level];
        if (newLevel > level) {
            stepDowns++;
        } else {
            stepUps++;
        }
        level = newLevel;
        if (LOG.isLoggable(Level.INFO)) {
            LOG.info(String.format(Locale.ROOT, "frame budget: %s -> %s (work per frame %.1f ms, budget %.1f ms)",
                    from.label(), ladder[newLevel].label(), load / 1e6, settings.budget().toNanos() / 1e6));
        }
    }
}
