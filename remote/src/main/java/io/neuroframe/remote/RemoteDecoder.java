package io.neuroframe.remote;

import io.grpc.ManagedChannel;
import io.grpc.StatusRuntimeException;
import io.neuroframe.api.Decoder;
import io.neuroframe.api.LatentContract;
import io.neuroframe.codec.onnx.OnnxContract;
import io.neuroframe.remote.protocol.GRPCInferenceServiceGrpc;
import io.neuroframe.remote.protocol.ModelInferRequest;
import io.neuroframe.remote.protocol.ModelInferResponse;
import java.nio.FloatBuffer;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

/**
 * A {@link Decoder} served behind the Open Inference Protocol, for clients too weak to decode:
 * each {@link #decode} sends one latent as input {@value OnnxContract#LATENT}
 * {@code [1, 576, 16]} FP32 to {@link RemoteConfig#decoderModel()} and reads output
 * {@value OnnxContract#IMAGE} {@code [1, 3, 360, 640]} (FP32 or FP16), the codec's ONNX contract,
 * so an exported decoder serves as is.
 *
 * <p>Unlike local decoders this one allocates request and response messages per call, on the
 * pipeline's decode worker (never the render thread). A failed call (server gone, deadline
 * passed) throws {@link IllegalStateException} and a bad response {@link RemoteResponseException},
 * both naming the endpoint; the pipeline counts them as decoder faults, keeps the last good frame
 * and retries with back-off. A request the server refuses ({@link RemoteProtocolException#isRefusal})
 * throws {@link RemoteProtocolException} with the server's message, logged once; from then on
 * every decode throws it again without calling the server. One thread at a time.
 */
public final class RemoteDecoder implements Decoder {
    private static final Logger LOG = Logger.getLogger(RemoteDecoder.class.getName());
    private static final int LATENT_FLOATS = LatentContract.LATENT_FLOATS;
    private static final long[] IMAGE_SHAPE = {1, LatentContract.IMAGE_CHANNELS, LatentContract.IMAGE_HEIGHT,
        LatentContract.IMAGE_WIDTH};

    private final RemoteConfig config;
    private final RemoteStats stats = new RemoteStats();
    private final ManagedChannel channel;
    private final GRPCInferenceServiceGrpc.GRPCInferenceServiceBlockingStub stub;
    private final ModelInferRequest.InferInputTensor latentInput =
            OipTensors.fp32Input(OnnxContract.LATENT, 1, LatentContract.TOKENS, LatentContract.CHANNELS);
    private final float[] latentValues = new float[LATENT_FLOATS];
    private final float[] imageValues = new float[LatentContract.IMAGE_FLOATS];
    /** The server's refusal, once it refused a request; later decodes throw it without calling. */
    private RemoteProtocolException refusal;

    /** A decoder calling {@code config}'s decoder model; connects on the first call. */
    public RemoteDecoder(RemoteConfig config) {
        this.config = config;
        this.channel = RemoteChannels.open(config);
        this.stub = GRPCInferenceServiceGrpc.newBlockingStub(channel);
    }

    @Override
    public void decode(FloatBuffer latent, FloatBuffer image) {
        if (latent.remaining() < LATENT_FLOATS) {
            throw new IllegalArgumentException("latent: expected " + LATENT_FLOATS + " floats remaining, got "
                    + latent.remaining());
        }
        if (image.remaining() < LatentContract.IMAGE_FLOATS) {
            throw new IllegalArgumentException("image: expected " + LatentContract.IMAGE_FLOATS
                    + " floats remaining, got " + image.remaining());
        }
        if (refusal != null) {
            throw refusal;
        }
        latent.get(latent.position(), latentValues);
        ModelInferRequest request = ModelInferRequest.newBuilder()
                .setModelName(config.decoderModel())
                .addInputs(latentInput)
                .addRawInputContents(OipTensors.rawFloats(latentValues, 0, LATENT_FLOATS))
                .build();
        stats.requestSent();
        long start = System.nanoTime();
        ModelInferResponse response;
        try {
            response = stub.withDeadlineAfter(config.deadline().toNanos(), TimeUnit.NANOSECONDS).modelInfer(request);
        } catch (StatusRuntimeException e) {
            if (RemoteProtocolException.isRefusal(e.getStatus())) {
                String server = RemoteProtocolException.describe(e.getStatus());
                stats.refused(server);
                refusal = new RemoteProtocolException(describe() + ": the server refused the decode request (" + server
                        + "); no more requests are sent", e);
                LOG.warning(refusal.getMessage());
                throw refusal;
            }
            stats.failed(e.getStatus().toString());
            throw new IllegalStateException(describe() + ": decode call failed: " + e.getStatus(), e);
        }
        long roundTrip = System.nanoTime() - start;
        stats.responseReceived(roundTrip, roundTrip > config.lateAfter().toNanos());
        try {
            OipTensors.readFloats(response, config.decoderModel(), OnnxContract.IMAGE, IMAGE_SHAPE, imageValues);
        } catch (RemoteResponseException e) {
            stats.rejected(e);
            throw e;
        }
        image.put(image.position(), imageValues);
    }

    /** Calls, round trips and rejections so far. */
    public RemoteStats stats() {
        return stats;
    }

    @Override
    public String describe() {
        return "remote decoder " + config.describe(config.decoderModel());
    }

    @Override
    public void close() {
        channel.shutdownNow();
    }
}
