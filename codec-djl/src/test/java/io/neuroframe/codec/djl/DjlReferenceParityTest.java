package io.neuroframe.codec.djl;

import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.neuroframe.api.LatentContract;
import io.neuroframe.codec.model.VitVaeConfig;
import io.neuroframe.codec.model.VitVaeWeights;
import io.neuroframe.codec.reference.ReferenceDecoder;
import io.neuroframe.codec.reference.ReferenceEncoder;
import io.neuroframe.codec.reference.ReferenceVitVae;

import java.nio.FloatBuffer;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Same weights, same input: the DJL model and the plain-Java reference agree within 1e-3. */
class DjlReferenceParityTest {
    /** Two 32-wide heads per block, as many blocks as it takes to exercise the stacks. */
    private static final VitVaeConfig SMALL = new VitVaeConfig("parity", 16, 20, 64, 2, 2, 64, 2, 2, 4);
    private static final float TOLERANCE = 1e-3f;

    private static float maxAbsDiff(float[] a, float[] b) {
        float max = 0;
        for (int i = 0; i < a.length; i++) {
            max = Math.max(max, Math.abs(a[i] - b[i]));
        }
        return max;
    }

    @Test
    void momentsAndDecodedImagesMatchTheReference() {
        VitVaeWeights weights = VitVaeWeights.random(SMALL, 11);
        Engine engine = PyTorchRuntime.engine(1);
        float[] image = DjlVitVaeTest.randomValues(LatentContract.IMAGE_FLOATS, 12, 1f);
        float[] latent = DjlVitVaeTest.randomValues(LatentContract.LATENT_FLOATS, 13, 3f);
        ReferenceVitVae reference = new ReferenceVitVae(weights);
        float[] refMean = new float[LatentContract.LATENT_FLOATS];
        float[] refLogVar = new float[LatentContract.LATENT_FLOATS];
        reference.encode(image, refMean, refLogVar);
        float[] refImage = new float[LatentContract.IMAGE_FLOATS];
        reference.decode(latent, refImage);

        try (NDManager manager = engine.newBaseManager(); DjlVitVae model = DjlVitVae.of(weights, manager)) {
            NDArray x = manager.create(image, new Shape(1, 3, LatentContract.IMAGE_HEIGHT, LatentContract.IMAGE_WIDTH));
            NDList moments = model.encodeMoments(x, List.of(TokenWindow.FULL));
            float meanDiff = maxAbsDiff(refMean, moments.get(0).toFloatArray());
            float logVarDiff = maxAbsDiff(refLogVar, moments.get(1).toFloatArray());
            NDArray z = manager.create(latent, new Shape(1, LatentContract.TOKENS, LatentContract.CHANNELS));
            float imageDiff = maxAbsDiff(refImage, model.decode(z, List.of(TokenWindow.FULL)).toFloatArray());
            assertTrue(meanDiff <= TOLERANCE, "mean differs by " + meanDiff);
            assertTrue(logVarDiff <= TOLERANCE, "log-variance differs by " + logVarDiff);
            assertTrue(imageDiff <= TOLERANCE, "decoded image differs by " + imageDiff);
        }
    }

    @Test
    void contractBackendsMatchTheReferenceBackends() {
        VitVaeWeights weights = VitVaeWeights.random(SMALL, 21);
        Engine engine = PyTorchRuntime.engine(1);
        float[] image = DjlVitVaeTest.randomValues(LatentContract.IMAGE_FLOATS, 22, 0.5f);
        for (int i = 0; i < image.length; i++) {
            image[i] += 0.5f;
        }
        FloatBuffer djlLatent = FloatBuffer.allocate(LatentContract.LATENT_FLOATS);
        FloatBuffer refLatent = FloatBuffer.allocate(LatentContract.LATENT_FLOATS);
        FloatBuffer djlImage = FloatBuffer.allocate(LatentContract.IMAGE_FLOATS);
        FloatBuffer refImage = FloatBuffer.allocate(LatentContract.IMAGE_FLOATS);
        try (DjlEncoder djlEncoder = DjlEncoder.create(weights, engine);
             DjlDecoder djlDecoder = DjlDecoder.create(weights, engine);
             ReferenceEncoder refEncoder = new ReferenceEncoder(weights);
             ReferenceDecoder refDecoder = new ReferenceDecoder(weights)) {
            djlEncoder.encode(FloatBuffer.wrap(image), djlLatent);
            refEncoder.encode(FloatBuffer.wrap(image), refLatent);
            djlDecoder.decode(refLatent, djlImage);
            refDecoder.decode(refLatent, refImage);
        }
        float latentDiff = maxAbsDiff(refLatent.array(), djlLatent.array());
        float imageDiff = maxAbsDiff(refImage.array(), djlImage.array());
        assertTrue(latentDiff <= TOLERANCE, "scaled latent differs by " + latentDiff);
        assertTrue(imageDiff <= TOLERANCE, "decoded image differs by " + imageDiff);
    }
}
