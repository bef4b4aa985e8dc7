package io.neuroframe.demo.cli;

import io.neuroframe.capture.OutputFolder;
import io.neuroframe.demo.app.GameConfig;
import io.neuroframe.demo.dream.DreamViewState;
import io.neuroframe.demo.dream.DreamWorldModel;
import io.neuroframe.world.dream.ActionGuidedStepper;
import io.neuroframe.demo.games.UnseenGameConfig;
import io.neuroframe.demo.headless.DemoRunner;
import io.neuroframe.demo.neural.DemoAdapter;
import io.neuroframe.demo.neural.DemoWeights;
import io.neuroframe.demo.neural.NeuralViewState;
import io.neuroframe.demo.style.Style;
import io.neuroframe.games.UnseenGame;
import io.neuroframe.remote.RemoteChannels;
import io.neuroframe.remote.RemoteConfig;
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
                + "frames and writes screenshots and a frame-time summary to --out.",
            "--neural adds the neural view: the codec re-encodes and decodes the game's render (N cycles engine, "
                + "neural, side by side; U cycles upscalers; F3 profiler overlay, F4 exports its trace).",
            "--game NAME (with --neural) shows one of the five unseen games (arena, atrium, highlands, night, "
                + "showroom) instead of the voxel world: a held-out level of the game, the camera following the game's seeded "
                + "scripted walk (no keyboard or mouse control; Esc closes the window). Headless, the walk takes one "
                + "step per frame and screenshots, the views and a summary go to --out.",
            "--adapter FILE (with --neural) runs a trained adapter exported to ONNX between the codec's encoder and "
                + "decoder; T switches it off and on at run time and the help line says which is running. An adapter "
                + "that fails while running is bypassed and reported as a fault, the game goes on. Headless, a --game "
                + "walk runs its first half with the adapter and its second half without; every run then saves the "
                + "same standing-still moment with and without it (adapter-on.png, adapter-off.png), and the summary "
                + "says which screenshots had it.",
            "--dream shows the world model's dream: it starts from the engine's frame, then the keys and mouse drive "
                + "the world model (R restarts from the engine's frame, N cycles views, F3 profiler). Headless, it plays "
                + "a scripted sequence after the walk and writes the dreamed frames, dream-strip.png and a summary.",
            "--remote HOST:PORT plays the neural view from a world model served over the Open Inference Protocol "
                + "(gRPC): each player step goes to the served world step; while the server is away the encoder "
                + "loopback plays, and if the server refuses the requests (a protocol error) the encoder loopback "
                + "plays for the rest of the session. The console says when and why; the profiler overlay (F3) shows "
                + "the connection's lines."})
public final class DemoCommand implements Callable<Integer> {
    /** Window sizes the demo accepts: from a small window up to 8K (larger ones fail in the window system). */
    static final int MIN_WIDTH = 160;
    static final int MAX_WIDTH = 7680;
    static final int MIN_HEIGHT = 120;
    static final int MAX_HEIGHT = 4320;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Option(names = "--style", defaultValue = "meadow", converter = StyleConverter.class,
            description = "World style: meadow, desert, tundra, volcanic or neon (default: ${DEFAULT-VALUE}).")
    private Style style;

    @Option(names = "--seed", defaultValue = "1",
            description = "World seed; with --game, the seed of the level and the walk (default: ${DEFAULT-VALUE}).")
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

    @Option(names = "--neural", description = "Turn the neural view on; headless runs also write each view and the "
            + "profiler's Chrome trace.")
    private boolean neural;

    @Option(names = "--game", paramLabel = "NAME", converter = GameConverter.class, description = "With --neural: "
            + "show this unseen game (arena, atrium, highlands, night or showroom) walked by its scripted player "
            + "instead of the voxel world; --seed picks the level and the walk.")
    private UnseenGame game;

    @Option(names = "--adapter", paramLabel = "FILE", description = "With --neural: a trained adapter exported to "
            + "ONNX (experiment adapters writes adapters/local-kernel.onnx) between encoder and decoder; T switches it "
            + "off and on.")
    private Path adapter;

    @Option(names = "--dream", description = "Dream mode: the world model imagines the frames from the player's inputs.")
    private boolean dream;

    @Option(names = "--world-weights", paramLabel = "FILE", description = "Direct world-model weights for --dream "
            + "(default: models/nf-world-small-direct.safetensors in the project folder).")
    private Path worldWeights;

    @Option(names = "--action-guidance", paramLabel = "SCALE", description = "How far --dream carries each action's "
            + "change: every step predicts under the action and under no input and takes none + SCALE x (action - none); "
            + "1 is the model alone (default: " + DreamWorldModel.DEFAULT_ACTION_GUIDANCE + ").")
    private Float actionGuidance;

    @Option(names = "--weights", paramLabel = "FILE", description = "nf-small codec weights (safetensors) for the "
            + "neural view or dream mode (default: models/nf-small.safetensors in the project folder, else random weights).")
    private Path weights;

    @Option(names = "--remote", paramLabel = "HOST:PORT", description = "Play the neural view from the world model "
            + "served at HOST:PORT (gRPC, model name " + RemoteConfig.DEFAULT_WORLD_MODEL + "); implies --neural.")
    private String remote;

    @Option(names = "--token", paramLabel = "TOKEN", description = "Bearer token for --remote; sent only over --tls or "
            + "to a host whose every address is a loopback address.")
    private String token;

    @Option(names = "--tls", description = "Encrypt the --remote connection with TLS (the JVM's trust store, or --trust).")
    private boolean tls;

    @Option(names = "--trust", paramLabel = "PEM", description = "Certificate(s) to trust for --tls.")
    private Path trust;

    @Override
    public Integer call() throws Exception {
        if (frames <= 0) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--frames must be > 0, got " + frames);
        }
        if (width < MIN_WIDTH || width > MAX_WIDTH || height < MIN_HEIGHT || height > MAX_HEIGHT) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--width and --height must be within "
                    + MIN_WIDTH + ".." + MAX_WIDTH + " x " + MIN_HEIGHT + ".." + MAX_HEIGHT + ", got " + width + "x"
                    + height);
        }
        GameConfig config;
        try {
            config = new GameConfig(style, seed, viewRadius, width, height, !DemoRunner.isHeadless());
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        if (weights != null && !neural && !dream && remote == null) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--weights needs --neural, --remote or --dream");
        }
        if (neural && dream) {
            throw new CommandLine.ParameterException(spec.commandLine(), "choose one of --neural and --dream");
        }
        if (worldWeights != null && !dream) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--world-weights needs --dream");
        }
        if (actionGuidance != null && !dream) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--action-guidance needs --dream");
        }
        try {
            ActionGuidedStepper.checkScale(actionGuidance());
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--action-guidance: " + e.getMessage());
        }
        RemoteConfig remoteConfig = remoteConfig();
        if (remoteConfig != null && dream) {
            throw new CommandLine.ParameterException(spec.commandLine(), "choose one of --remote and --dream");
        }
        checkGameOptions(remoteConfig != null);
        DemoAdapter trained = adapter == null ? null : checkAdapter(remoteConfig != null);
        Path folder = out != null ? out : Path.of("neuroframe-output",
                "demo-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
        boolean writesOutput = DemoRunner.isHeadless() || (out != null && (neural || dream || remoteConfig != null));
        if (writesOutput) {
            try {
                OutputFolder.prepare(folder);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--out: " + e.getMessage());
            }
        }
        if (dream) {
            return runDream(config, folder);
        }
        if (game != null) {
            return runGame(folder, trained);
        }
        NeuralViewState neuralView = neural || remoteConfig != null
                ? openNeuralView(DemoWeights.resolve(weights), folder, remoteConfig, trained) : null;
        if (!DemoRunner.isHeadless()) {
            if (neuralView != null) {
                DemoRunner.play(config, neuralView);
            } else {
                DemoRunner.play(config);
            }
            return 0;
        }
        if (neuralView != null) {
            DemoRunner.runHeadless(config, frames, folder, System.out, neuralView);
        } else {
            DemoRunner.runHeadless(config, frames, folder, System.out);
        }
        System.out.println("demo output: " + folder.toAbsolutePath());
        return 0;
    }

    /** Refuses --game without --neural, with --remote, or with the options of the voxel world. */
    private void checkGameOptions(boolean remote) {
        if (game == null) {
            return;
        }
        if (remote) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "choose one of --remote and --game: the served world model plays the voxel world");
        }
        if (!neural) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--game needs --neural");
        }
        CommandLine.ParseResult parsed = spec.commandLine().getParseResult();
        if (parsed.hasMatchedOption("--style") || parsed.hasMatchedOption("--view-distance")) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--style and --view-distance set up the voxel world; --game shows an unseen game instead");
        }
    }

    /** Checks --adapter: only with --neural (not --remote), and a file that loads and runs as an adapter. */
    private DemoAdapter checkAdapter(boolean remote) {
        if (remote) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "choose one of --remote and --adapter: the adapter runs on the encoder loopback");
        }
        if (!neural) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--adapter needs --neural");
        }
        try {
            return DemoAdapter.check(adapter);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
    }

    private int runGame(Path folder, DemoAdapter trained) throws InterruptedException {
        UnseenGameConfig config = new UnseenGameConfig(game, seed, width, height, !DemoRunner.isHeadless());
        NeuralViewState neuralView = NeuralViewState.loopback(DemoWeights.resolve(weights), folder, trained);
        if (!DemoRunner.isHeadless()) {
            DemoRunner.play(config, neuralView);
            return 0;
        }
        DemoRunner.runHeadless(config, frames, folder, System.out, neuralView);
        System.out.println("demo output: " + folder.toAbsolutePath());
        return 0;
    }

    private float actionGuidance() {
        return actionGuidance == null ? DreamWorldModel.DEFAULT_ACTION_GUIDANCE : actionGuidance;
    }

    private int runDream(GameConfig config, Path folder) throws InterruptedException {
        Path worldFile;
        try {
            worldFile = DreamWorldModel.resolve(worldWeights, System.getProperty(DemoWeights.HOME_PROPERTY));
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        DemoWeights codec = DemoWeights.resolve(weights);
        DreamViewState dreamView = DreamViewState.create(codec, DreamWorldModel.open(worldFile, actionGuidance()),
                !DemoRunner.isHeadless(), folder);
        if (!DemoRunner.isHeadless()) {
            DemoRunner.play(config, dreamView);
            return 0;
        }
        DemoRunner.runHeadless(config, frames, folder, System.out, dreamView);
        System.out.println("demo output: " + folder.toAbsolutePath());
        return 0;
    }

    /**
     * The served world model from --remote, --token, --tls and --trust, or {@code null} without --remote; checked
     * before anything connects (host:port, the trust file, a token only over TLS or to a loopback host).
     */
    private RemoteConfig remoteConfig() {
        if (remote == null) {
            if (token != null || tls || trust != null) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--token, --tls and --trust need --remote");
            }
            return null;
        }
        if (trust != null && !tls) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--trust needs --tls");
        }
        RemoteConfig config;
        try {
            config = tls ? RemoteConfig.tls(remote, trust) : RemoteConfig.plaintext(remote);
            config = token == null ? config : config.withBearerToken(token);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--remote/--token: " + e.getMessage());
        }
        try {
            RemoteChannels.verify(config);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        return config;
    }

    /**
     * Opens the neural view: the encoder loopback (with {@code adapter} where one is given), or the served world
     * model when {@code remote} is set.
     */
    private static NeuralViewState openNeuralView(DemoWeights weights, Path traceFolder, RemoteConfig remote,
            DemoAdapter adapter) {
        return remote == null ? NeuralViewState.loopback(weights, traceFolder, adapter)
                : NeuralViewState.remote(weights, traceFolder, remote);
    }
}
