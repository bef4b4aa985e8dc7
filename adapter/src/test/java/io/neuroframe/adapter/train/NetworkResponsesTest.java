package io.neuroframe.adapter.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.neuroframe.adapter.culture.CultureNetwork;
import io.neuroframe.adapter.culture.CultureParameters;
import io.neuroframe.adapter.culture.PatternResponse;
import io.neuroframe.adapter.mea.StimulationEncoding;
import io.neuroframe.api.LatentContract;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NetworkResponsesTest {

    @TempDir
    Path dir;

    private final StimulationEncoding encoding = TinySetup.encoding();
    private final CultureNetwork network = CultureNetwork.grow(
            CultureParameters.defaults().withGeometry(TinySetup.ARRAY).withNeurons(576), 3);

    private NetworkResponses responses() {
        return new NetworkResponses(new PatternResponse(network, encoding.siteElectrodes(), 3), encoding,
                "culture-03");
    }

    private static float[][] latents(int count, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        float[][] latents = new float[count][LatentContract.LATENT_FLOATS];
        for (float[] latent : latents) {
            for (int i = 0; i < latent.length; i++) {
                latent[i] = (float) random.nextGaussian() * 0.3f;
            }
        }
        return latents;
    }

    @Test
    void storedResponsesAreReadBackForTheSameLatentsAndSimulatedAgainForOthers() throws IOException {
        float[][] fit = latents(3, 1);
        float[][] validation = latents(2, 2);
        Path file = dir.resolve("network-culture-03.safetensors");
        NetworkResponses simulated = responses();
        assertFalse(simulated.precompute(file, List.of(fit, validation)), "nothing stored yet");

        NetworkResponses sequential = responses();
        NetworkResponses read = responses();
        assertTrue(read.precompute(file, List.of(fit, validation)), "the same culture, encoding and latents");
        for (float[][] part : List.of(fit, validation)) {
            for (float[] latent : part) {
                float[] expected = sequential.activity(latent);
                assertArrayEquals(expected, simulated.activity(latent), 0f,
                        "simulating in parallel gives what one thread gives");
                assertArrayEquals(expected, read.activity(latent), 0f, "the stored response");
            }
        }

        float[][] changed = {fit[0].clone(), fit[1], fit[2]};
        changed[0][5] += 0.5f;
        assertFalse(responses().precompute(file, List.of(changed, validation)), "one latent value differs");
        assertTrue(responses().precompute(file, List.of(changed, validation)), "the file now holds the new latents");
    }
}
