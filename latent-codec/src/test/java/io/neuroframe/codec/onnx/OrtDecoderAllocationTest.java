package io.neuroframe.codec.onnx;

import io.neuroframe.api.NativeBuffers;
import io.neuroframe.api.LatentContract;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.nio.FloatBuffer;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class OrtDecoderAllocationTest {

    /**
     * What ONNX Runtime's Java binding allocates per {@code OrtSession.run}, whatever the tensor
     * sizes: arrays of input/output names and native handles, an iterator, and the {@code Result}
     * with its map and list (536 bytes per call measured on JDK 17 with ONNX Runtime 1.29). 4 KiB
     * leaves room for other JVMs and is 0.15% of one decoded image (2,764,800 bytes), so a per-call
     * buffer, tensor or image array fails the test at once.
     */
    private static final long BINDING_BYTES_PER_RUN = 4096;

    @Test
    void decodeAllocatesOnlyTheRuntimeBindingsFixedBookkeepingPerCall() {
        com.sun.management.ThreadMXBean threads = allocationCounter();
        long thread = Thread.currentThread().getId();
        try (OrtDecoder decoder = OrtDecoder.create(TinyCodec.weights(3))) {
            FloatBuffer latent = NativeBuffers.floats(LatentContract.LATENT_FLOATS).put(TinyCodec.latents(1, 4));
            latent.flip();
            FloatBuffer image = FloatBuffer.allocate(LatentContract.IMAGE_FLOATS);
            for (int i = 0; i < 20; i++) {
                decoder.decode(latent, image);
            }
            int calls = 100;
            long before = threads.getThreadAllocatedBytes(thread);
            for (int i = 0; i < calls; i++) {
                decoder.decode(latent, image);
            }
            long perCall = (threads.getThreadAllocatedBytes(thread) - before) / calls;
            System.out.println("OrtDecoder.decode allocates " + perCall + " bytes per call on the Java heap");
            assertTrue(perCall <= BINDING_BYTES_PER_RUN, "decode allocated " + perCall + " bytes per call");
        }
    }

    @Test
    void encodeAllocatesOnlyTheRuntimeBindingsFixedBookkeepingPerCall() {
        com.sun.management.ThreadMXBean threads = allocationCounter();
        long thread = Thread.currentThread().getId();
        try (OrtEncoder encoder = OrtEncoder.create(TinyCodec.weights(3))) {
            FloatBuffer image = FloatBuffer.wrap(TinyCodec.images(1, 4));
            FloatBuffer latent = NativeBuffers.floats(LatentContract.LATENT_FLOATS);
            for (int i = 0; i < 10; i++) {
                encoder.encode(image, latent);
            }
            int calls = 50;
            long before = threads.getThreadAllocatedBytes(thread);
            for (int i = 0; i < calls; i++) {
                encoder.encode(image, latent);
            }
            long perCall = (threads.getThreadAllocatedBytes(thread) - before) / calls;
            System.out.println("OrtEncoder.encode allocates " + perCall + " bytes per call on the Java heap");
            assertTrue(perCall <= BINDING_BYTES_PER_RUN, "encode allocated " + perCall + " bytes per call");
        }
    }

    @Test
    void theCounterSeesAnImageSizedAllocation() {
        com.sun.management.ThreadMXBean threads = allocationCounter();
        long thread = Thread.currentThread().getId();
        long before = threads.getThreadAllocatedBytes(thread);
        float[] image = new float[LatentContract.IMAGE_FLOATS];
        long allocated = threads.getThreadAllocatedBytes(thread) - before;
        assertTrue(allocated >= 4L * image.length, "counted " + allocated + " bytes");
    }

    private static com.sun.management.ThreadMXBean allocationCounter() {
        assumeTrue(ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean,
                "this JVM has no per-thread allocation counter");
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        assumeTrue(threads.isThreadAllocatedMemorySupported(), "per-thread allocation counting unsupported");
        threads.setThreadAllocatedMemoryEnabled(true);
        return threads;
    }

}
