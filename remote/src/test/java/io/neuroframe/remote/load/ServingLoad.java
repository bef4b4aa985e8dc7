package io.neuroframe.remote.load;

import ai.onnx.proto.OnnxMl.ModelProto;
import io.neuroframe.api.LatentContract;
import io.neuroframe.api.OasisAction;
import io.neuroframe.codec.model.VitVaeConfig;
import io.neuroframe.codec.model.VitVaeWeights;
import io.neuroframe.codec.onnx.VitVaeOnnxExporter;
import io.neuroframe.remote.RemoteConfig;
import io.neuroframe.remote.RemoteDecoder;
import io.neuroframe.remote.RemoteStats;
import io.neuroframe.remote.RemoteWorldModelSource;
import io.neuroframe.remote.loopback.LoopbackInferenceServer;
import io.neuroframe.remote.CameraShiftWorldStep;
import io.neuroframe.api.source.LatentFrame;
import io.neuroframe.api.source.LatentSource.Pull;
import io.neuroframe.api.source.RemoteLatentSource.ConnectionState;
import java.lang.management.ManagementFactory;
import java.nio.FloatBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * A bounded load test of remote serving on the loopback server: simulated players, each with its
 * own gRPC channel, act at a fixed rate (20 Hz by default, random phase) for a fixed time. With
 * {@link Served#WORLD_STEP} each player is a {@link RemoteWorldModelSource} sending a turn per tick
 * and taking frames as a pipeline would; with {@link Served#DECODER} each is a {@link RemoteDecoder}
 * decoding one latent per tick. A quarter of the players join a third of the way in and leave at
 * two thirds, to show that players coming and going lose nothing. Reports round-trip percentiles,
 * frames per second per player (the slowest and the mean, for starvation), requests served per
 * second, mean batch size, CPU per request, and calls that failed or were never answered.
 *
 * <p>Run (from {@code remote/}, with the test classpath in {@code target/test-cp.txt}):
 * {@code java -Xss4m -cp target/test-classes:target/classes:$(cat target/test-cp.txt)
 * io.neuroframe.remote.load.ServingLoad --players 1,8,32,64 --seconds 5 --repeat 3}
 */
public final class ServingLoad {

    /**
     * One run's figures.
     *
     * @param maxBatch the server's largest batch (1: batching off)
     * @param players players at the busiest moment
     * @param stepsPerSecond requests (world steps or decodes) the server answered per second, all players together
     * @param minPlayerFps frames per second of the player that got the fewest, over its time in the run
     * @param meanPlayerFps mean frames per second over players
     * @param p50Ms median round trip
     * @param p95Ms 95th percentile round trip
     * @param p99Ms 99th percentile round trip
     * @param meanBatch rows per batch the server ran
     * @param cpuUsPerStep CPU time of the whole process (players and server) per step answered, microseconds
     * @param modelUsPerStep CPU time of the model (ONNX Runtime, one thread) per step answered, microseconds
     * @param lost calls that failed or got no answer within the deadline (a call a player's network thread sent
     *     after the run had settled is still in flight, not lost)
     * @param rejected answers the clients rejected
     */
    public record Result(int maxBatch, int players, double stepsPerSecond, double minPlayerFps, double meanPlayerFps,
                         double p50Ms, double p95Ms, double p99Ms, double meanBatch, double cpuUsPerStep,
                         double modelUsPerStep, long lost, long rejected) {

        /** One row of the Markdown table of {@link #HEADER}. */
        public String row() {
            return String.format(Locale.ROOT, "| %s | %d | %.0f | %.1f / %.1f | %.2f / %.2f / %.2f | %.2f | %.0f / %.0f | %d |",
                    maxBatch == 1 ? "off" : "on (max " + maxBatch + ")", players, stepsPerSecond, minPlayerFps,
                    meanPlayerFps, p50Ms, p95Ms, p99Ms, meanBatch, cpuUsPerStep, modelUsPerStep, lost + rejected);
        }
    }

    /** The Markdown table header for {@link Result#row()}. */
    public static final String HEADER = "| batching | players | steps/s served | frames/s per player (min / mean) "
            + "| round trip p50 / p95 / p99 (ms) | mean batch | CPU per step, all / model (us) | lost or rejected |\n"
            + "|---|---|---|---|---|---|---|---|";

    /** What the players ask the server for. */
    public enum Served {
        /** The camera-shift stand-in world step: about 0.1 ms of model time per step. */
        WORLD_STEP,
        /** The nf-small decoder (random weights): about 13 ms of model time per frame on one core. */
        DECODER
    }

    /** One simulated player: a client of the served model, ticked at the action rate. */
    private abstract static class Player {
        long frames;
        long joinedNanos;
        long leftNanos;
        ScheduledFuture<?> ticking;

        abstract RemoteStats stats();

        abstract boolean connected();

        /** Takes what arrived and asks for the next frame. */
        abstract void tick();

        abstract void close();
    }

    /** A player driving a remote world model, taking frames as a pipeline would. */
    private static final class WorldStepPlayer extends Player {
        private final RemoteWorldModelSource source;
        private final LatentFrame frame = new LatentFrame();
        private final FloatBuffer action;

        WorldStepPlayer(RemoteConfig config, float yawDegrees) {
            this.source = RemoteWorldModelSource.connect(config, null);
            this.action = FloatBuffer.wrap(OasisAction.builder().look(0f, yawDegrees).build().toArray());
        }

        @Override
        RemoteStats stats() {
            return source.stats();
        }

        @Override
        boolean connected() {
            return source.connectionState() == ConnectionState.CONNECTED;
        }

        @Override
        void tick() {
            frame.clear();
            if (source.pull(frame) == Pull.FRAME) {
                frames++;
            }
            source.submitAction(action, System.nanoTime());
        }

        @Override
        void close() {
            source.close();
        }
    }

    /** A player too weak to decode: each tick sends a latent and waits for the image. */
    private static final class DecoderPlayer extends Player {
        private final RemoteDecoder decoder;
        private final FloatBuffer latent;
        private final FloatBuffer image = FloatBuffer.allocate(LatentContract.IMAGE_FLOATS);

        DecoderPlayer(RemoteConfig config, Random random) {
            this.decoder = new RemoteDecoder(config);
            float[] values = new float[LatentContract.LATENT_FLOATS];
            for (int i = 0; i < values.length; i++) {
                values[i] = (float) random.nextGaussian() * LatentContract.SCALING_FACTOR;
            }
            this.latent = FloatBuffer.wrap(values);
        }

        @Override
        RemoteStats stats() {
            return decoder.stats();
        }

        @Override
        boolean connected() {
            return true;
        }

        @Override
        void tick() {
            try {
                decoder.decode(latent, image);
                frames++;
            } catch (IllegalStateException e) {
                // Counted in the decoder's stats as a failure or a rejection.
            }
        }

        @Override
        void close() {
            decoder.close();
        }
    }

    private ServingLoad() {
    }

    /**
     * Runs {@code players} players for {@code length} at {@code hz} against a fresh loopback
     * server batching up to {@code maxBatch} rows, holding a request at most {@code queueDelay}; a
     * call not answered within 2 s has failed.
     */
    public static Result run(Served served, int players, Duration length, int hz, int maxBatch, Duration queueDelay)
            throws Exception {
        return run(served, players, length, hz, maxBatch, queueDelay, Duration.ofSeconds(2));
    }

    /** As {@link #run(Served, int, Duration, int, int, Duration)}, with each call's {@code deadline}. */
    public static Result run(Served served, int players, Duration length, int hz, int maxBatch, Duration queueDelay,
                             Duration deadline) throws Exception {
        int churn = players / 4;
        Random random = new Random(players * 31L + maxBatch);
        // Decoder players block in their calls, so each gets a thread of the clock.
        ScheduledExecutorService clock = Executors.newScheduledThreadPool(served == Served.DECODER ? players : 2);
        List<Player> all = new ArrayList<>();
        String model = served == Served.DECODER ? RemoteConfig.DEFAULT_DECODER_MODEL : RemoteConfig.DEFAULT_WORLD_MODEL;
        ModelProto proto = served == Served.DECODER
                ? VitVaeOnnxExporter.decoder(VitVaeWeights.random(VitVaeConfig.NF_SMALL, 1)) : CameraShiftWorldStep.build();
        try (LoopbackInferenceServer server = LoopbackInferenceServer.builder()
                .model(model, proto)
                .batching(maxBatch, queueDelay)
                .start()) {
            RemoteConfig config = RemoteConfig.plaintext(server.target()).withDeadline(deadline);
            long periodNanos = TimeUnit.SECONDS.toNanos(1) / hz;
            for (int p = 0; p < players; p++) {
                all.add(served == Served.DECODER ? new DecoderPlayer(config, random)
                        : new WorldStepPlayer(config, random.nextFloat() * 4 - 2));
            }
            for (Player player : all) {
                awaitConnected(player);
            }
            long start = System.nanoTime();
            long cpuStart = processCpuNanos();
            long lengthNanos = length.toNanos();
            for (int p = 0; p < players; p++) {
                Player player = all.get(p);
                boolean churning = p >= players - churn;
                long joinAt = churning ? lengthNanos / 3 : 0;
                player.joinedNanos = start + joinAt;
                player.ticking = clock.scheduleAtFixedRate(player::tick, joinAt + (long) (random.nextDouble() * periodNanos),
                        periodNanos, TimeUnit.NANOSECONDS);
                if (churning) {
                    clock.schedule(() -> leave(player), 2 * lengthNanos / 3, TimeUnit.NANOSECONDS);
                }
            }
            TimeUnit.NANOSECONDS.sleep(lengthNanos);
            long end = System.nanoTime();
            for (Player player : all) {
                if (player.leftNanos == 0) {
                    player.ticking.cancel(false);
                    player.leftNanos = end;
                }
            }
            clock.shutdown();
            clock.awaitTermination(5, TimeUnit.SECONDS);
            for (Player player : all) {
                settle(player.stats(), deadline);
            }
            long cpu = processCpuNanos() - cpuStart;
            return summarize(all, server, model, maxBatch, (end - start) / 1e9, cpu);
        } finally {
            clock.shutdownNow();
            all.forEach(Player::close);
        }
    }

    private static void leave(Player player) {
        player.ticking.cancel(false);
        player.leftNanos = System.nanoTime();
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    private static Result summarize(List<Player> all, LoopbackInferenceServer server, String model, int maxBatch,
                                    double seconds, long cpuNanos) {
        long[] counts = new long[RemoteStats.roundTripBuckets()];
        long lost = 0;
        long rejected = 0;
        long responses = 0;
        double minFps = Double.MAX_VALUE;
        double sumFps = 0;
        for (Player player : all) {
            RemoteStats stats = player.stats();
            stats.addRoundTripCounts(counts);
            lost += stats.failures();
            rejected += stats.rejectedTotal();
            responses += stats.responses();
            double fps = player.frames / ((player.leftNanos - player.joinedNanos) / 1e9);
            minFps = Math.min(minFps, fps);
            sumFps += fps;
        }
        long batches = server.batches(model);
        double meanBatch = batches == 0 ? 0 : server.rowsRun(model) / (double) batches;
        double steps = Math.max(1, responses);
        return new Result(maxBatch, all.size(), responses / seconds, minFps, sumFps / all.size(),
                RemoteStats.percentileNanos(counts, 0.50) / 1e6, RemoteStats.percentileNanos(counts, 0.95) / 1e6,
                RemoteStats.percentileNanos(counts, 0.99) / 1e6, meanBatch, cpuNanos / 1e3 / steps,
                server.modelCpuNanos(model) / 1e3 / steps, lost, rejected);
    }

    /** Waits until every call sent has been answered or has failed, at most a little past the calls' deadline. */
    private static void settle(RemoteStats stats, Duration deadline) throws InterruptedException {
        long end = System.nanoTime() + deadline.toNanos() + TimeUnit.SECONDS.toNanos(5);
        while (stats.responses() + stats.failures() < stats.requests() && System.nanoTime() < end) {
            Thread.sleep(5);
        }
    }

    private static void awaitConnected(Player player) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!player.connected()) {
            if (System.nanoTime() > end) {
                throw new IllegalStateException("a player did not connect: " + player.stats().lastProblem());
            }
            Thread.sleep(5);
        }
    }

    /**
     * {@code --model world-step|decoder --players 1,8,32,64 --seconds 5 --hz 20 --max-batch 16 --queue-delay-ms 2
     * --repeat 1}; prints a
     * Markdown table, batching off and on for each player count; with repeats, the run of median p50. A
     * two-second run first warms up the JIT compiler and is not reported.
     */
    public static void main(String[] args) throws Exception {
        int[] players = {1, 8, 32, 64};
        double seconds = 5;
        int hz = 20;
        int maxBatch = 16;
        double queueDelayMs = 2;
        int repeat = 1;
        Served served = Served.WORLD_STEP;
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--players" -> players = Arrays.stream(args[i + 1].split(",")).mapToInt(Integer::parseInt).toArray();
                case "--seconds" -> seconds = Double.parseDouble(args[i + 1]);
                case "--hz" -> hz = Integer.parseInt(args[i + 1]);
                case "--max-batch" -> maxBatch = Integer.parseInt(args[i + 1]);
                case "--queue-delay-ms" -> queueDelayMs = Double.parseDouble(args[i + 1]);
                case "--repeat" -> repeat = Integer.parseInt(args[i + 1]);
                case "--model" -> served = Served.valueOf(args[i + 1].toUpperCase(Locale.ROOT).replace('-', '_'));
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        Duration length = Duration.ofMillis((long) (seconds * 1000));
        Duration delay = Duration.ofNanos((long) (queueDelayMs * 1e6));
        run(served, Math.min(8, players[players.length - 1]), Duration.ofSeconds(2), hz, maxBatch, delay);
        System.out.println(HEADER);
        for (int n : players) {
            for (int batch : new int[] {1, maxBatch}) {
                List<Result> runs = new ArrayList<>();
                for (int r = 0; r < repeat; r++) {
                    runs.add(run(served, n, length, hz, batch, delay));
                }
                runs.sort(Comparator.comparingDouble(Result::p50Ms));
                System.out.println(runs.get(runs.size() / 2).row());
            }
        }
    }
}
