package io.neuroframe.world.train;

import io.neuroframe.world.dream.DreamSource;
import io.neuroframe.world.dream.ForwardingWorldStepper;
import io.neuroframe.world.dream.WorldStepper;
import io.neuroframe.world.onnx.OrtWorldStepper;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import io.neuroframe.api.LatentContract;
import io.neuroframe.api.OasisAction;
import io.neuroframe.codec.djl.PyTorchRuntime;
import io.neuroframe.codec.onnx.OrtOptions;
import io.neuroframe.api.source.LatentFrame;
import io.neuroframe.api.source.LatentSource;

import java.nio.FloatBuffer;
import java.time.Duration;
import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

class DreamSourceTest {
    private static final long WAIT_NANOS = 60_000_000_000L;

    @Test
    void startsFromTheGivenFrameThenStepsWithTheSubmittedActionsAtTheCappedRate() {
        float[] start = randomLatent(4);
        try (DreamSource dream = new DreamSource(stepper(), 20)) {
            LatentFrame frame = new LatentFrame();
            assertEquals(LatentSource.Pull.NONE_READY, dream.pull(frame), "no frame before the first reset");
            dream.reset(FloatBuffer.wrap(start));
            awaitFrame(dream, frame);
            assertTrue(Arrays.equals(start, copyOf(frame)), "the first frame is the start frame itself");
            assertFalse(frame.hasWorldStep());

            FloatBuffer action = FloatBuffer.wrap(OasisAction.builder().forward().look(0, 5).build().toArray());
            long begin = System.nanoTime();
            int frames = 0;
            // Until three steps arrived, however slowly a loaded machine makes them: load can only lower the rate.
            while (frames < 3) {
                assertTrue(System.nanoTime() - begin < WAIT_NANOS, "the dream stepped only " + frames + " times");
                dream.submitAction(action, System.nanoTime());
                frame.clear();
                if (dream.pull(frame) == LatentSource.Pull.FRAME) {
                    frames++;
                    assertTrue(frame.hasWorldStep(), "a stepped frame carries its world-step interval");
                    assertTrue(frame.worldStepEndNanos() >= frame.worldStepStartNanos());
                    assertTrue(frame.inputSampleNanos() != LatentFrame.NO_INPUT);
                    assertEquals(1f, frame.action().get(OasisAction.FORWARD));
                    assertEquals(LatentContract.LATENT_FLOATS, frame.latent().position());
                }
                Thread.sleep(1);
            }
            double seconds = (System.nanoTime() - begin) / 1e9;
            assertTrue(dream.steps() <= Math.ceil(20 * seconds) + 1, dream.steps() + " steps in " + seconds
                    + " s is above the 20 steps/s cap");
            assertEquals(0, dream.nanResets());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void aPullNeverWaitsOnAStepInProgress() throws InterruptedException {
        CountDownLatch stepping = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        try (DreamSource dream = new DreamSource(new HeldStepper(stepper(), stepping, release), 20)) {
            LatentFrame frame = new LatentFrame();
            dream.reset(FloatBuffer.wrap(randomLatent(5)));
            awaitFrame(dream, frame);
            dream.submitAction(FloatBuffer.wrap(OasisAction.builder().forward().build().toArray()), System.nanoTime());
            assertTrue(stepping.await(60, TimeUnit.SECONDS), "the dream never stepped");
            frame.clear();
            // The step is held until released, so a pull that waited on it would never return.
            assertEquals(LatentSource.Pull.NONE_READY, assertTimeoutPreemptively(Duration.ofSeconds(30),
                    () -> dream.pull(frame)), "a pull during a step has nothing new");
            release.countDown();
            awaitFrame(dream, frame);
            assertTrue(frame.hasWorldStep(), "the held step arrives once released");
        } finally {
            release.countDown();
        }
    }

    @Test
    void betweenTheStartFrameAndThePlayersFirstActionTheDreamSaysItWaitsForInput() throws InterruptedException {
        try (DreamSource dream = new DreamSource(stepper(), 20)) {
            LatentFrame frame = new LatentFrame();
            dream.reset(FloatBuffer.wrap(randomLatent(6)));
            awaitFrame(dream, frame);
            long begin = System.nanoTime();
            LatentSource.Pull pull;
            do {
                assertTrue(System.nanoTime() - begin < WAIT_NANOS, "the dream never said it waits for input");
                Thread.sleep(1);
                frame.clear();
                pull = dream.pull(frame);
            } while (pull != LatentSource.Pull.WAITING);
            assertEquals(0, dream.steps(), "no step without an action");
        }
    }

    /** A stepper whose steps wait, after signalling {@code stepping}, until {@code release} opens. */
    private static final class HeldStepper extends ForwardingWorldStepper {
        private final CountDownLatch stepping;
        private final CountDownLatch release;

        HeldStepper(WorldStepper stepper, CountDownLatch stepping, CountDownLatch release) {
            super(stepper);
            this.stepping = stepping;
            this.release = release;
        }

        @Override
        public void step(OasisAction action, FloatBuffer next) {
            stepping.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            stepper.step(action, next);
        }
    }

    @Test
    void aNonFiniteStepRestartsFromTheLastRealFrameAndIsCounted() {
        float[] huge = new float[LatentContract.LATENT_FLOATS];
        Arrays.fill(huge, Float.MAX_VALUE / 2); // finite, but the patch embedding overflows to infinity and NaN
        try (DreamSource dream = new DreamSource(stepper(), 50)) {
            LatentFrame frame = new LatentFrame();
            dream.reset(FloatBuffer.wrap(huge));
            awaitFrame(dream, frame);
            FloatBuffer action = FloatBuffer.wrap(OasisAction.builder().forward().build().toArray());
            long begin = System.nanoTime();
            while (dream.nanResets() == 0 && System.nanoTime() - begin < WAIT_NANOS) {
                dream.submitAction(action, System.nanoTime());
                Thread.sleep(5);
            }
            assertTrue(dream.nanResets() > 0, "the overflowing step was counted");
            frame.clear();
            awaitFrame(dream, frame);
            for (float v : copyOf(frame)) {
                assertTrue(Float.isFinite(v), "only finite latents reach the pipeline");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static WorldStepper stepper() {
        Engine engine = PyTorchRuntime.engine(1);
        try (NDManager manager = engine.newBaseManager();
             WorldDit model = OrtWorldStepperTest.withSignalEverywhere(WorldTrainerTest.TINY, manager)) {
            return OrtWorldStepper.create(model.config(), model.toTensors(), OrtOptions.defaults().withIntraOpThreads(1));
        }
    }

    private static void awaitFrame(DreamSource dream, LatentFrame frame) throws InterruptedException {
        long begin = System.nanoTime();
        while (dream.pull(frame) != LatentSource.Pull.FRAME) {
            assertTrue(System.nanoTime() - begin < WAIT_NANOS, "no frame within 60 s");
            Thread.sleep(1);
        }
    }

    private static float[] copyOf(LatentFrame frame) {
        float[] out = new float[LatentContract.LATENT_FLOATS];
        frame.latent().get(0, out);
        return out;
    }

    private static float[] randomLatent(long seed) {
        Random random = new Random(seed);
        float[] latent = new float[LatentContract.LATENT_FLOATS];
        for (int i = 0; i < latent.length; i++) {
            latent[i] = (float) random.nextGaussian();
        }
        return latent;
    }
}
