package io.neuroframe.demo.cli;

import io.neuroframe.demo.app.GameConfig;
import io.neuroframe.demo.headless.DemoRunner;
import io.neuroframe.demo.style.Style;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code neuroframe demo}: the playable voxel world, or its scripted headless run. */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Opens the voxel demo world in a window (WASD, mouse, Space, Shift, mouse buttons, Esc).",
            "Without a display (system property neuroframe.headless=true) it runs a scripted walk for --frames "
                + "frames and writes screenshots and a frame-time summary to --out."})
public final class DemoCommand implements Callable<Integer> {
    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Option(names = "--style", defaultValue = "meadow", converter = StyleConverter.class,
            description = "World style: meadow, desert, tundra, volcanic or neon (default: ${DEFAULT-VALUE}).")
    private Style style;

    @Option(names = "--seed", defaultValue = "1", description = "World seed (default: ${DEFAULT-VALUE}).")
    private long seed;

    @Option(names = "--width", defaultValue = "1280", description = "Width in pixels (default: ${DEFAULT-VALUE}).")
    private int width;

    @Option(names = "--height", defaultValue = "720", description = "Height in pixels (default: ${DEFAULT-VALUE}).")
    private int height;

    @Option(names = "--view-distance", defaultValue = "6",
            description = "Terrain radius in chunks of 16 blocks (default: ${DEFAULT-VALUE}).")
    private int viewRadius;

    @Option(names = "--frames", defaultValue = "600",
            description = "Headless only: frames to run after loading (default: ${DEFAULT-VALUE}).")
    private int frames;

    @Option(names = "--out", description = "Headless only: output folder (default: neuroframe-output/demo-<time>).")
    private Path out;

    @Override
    public Integer call() throws Exception {
        if (frames <= 0) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--frames must be > 0, got " + frames);
        }
        GameConfig config;
        try {
            config = new GameConfig(style, seed, viewRadius, width, height, !DemoRunner.isHeadless());
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        if (!DemoRunner.isHeadless()) {
            DemoRunner.play(config);
            return 0;
        }
        Path folder = out != null ? out : Path.of("neuroframe-output",
                "demo-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
        DemoRunner.runHeadless(config, frames, folder, System.out);
        System.out.println("demo output: " + folder.toAbsolutePath());
        return 0;
    }
}
