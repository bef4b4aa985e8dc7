package io.neuroframe.perf.bench;

import com.jme3.renderer.lwjgl.LwjglGL;
import com.jme3.renderer.lwjgl.LwjglGLExt;
import com.jme3.renderer.lwjgl.LwjglGLFboGL3;
import com.jme3.renderer.opengl.GLRenderer;
import io.neuroframe.api.LatentContract;
import io.neuroframe.jme.StreamedFrameTexture;
import io.neuroframe.api.frame.RgbaPacker;
import io.neuroframe.api.frame.RowOrder;
import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;
import org.lwjgl.glfw.GLFW;
import org.lwjgl.opengl.GL;
import org.lwjgl.opengl.GL11;
import org.lwjgl.system.MemoryUtil;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The engine's upload stage: one decoded 640x360 RGBA8 frame copied into the GPU texture through the plugin's
 * streaming path ({@link StreamedFrameTexture#show} and {@link StreamedFrameTexture#upload}, which is jME's
 * {@code GLRenderer.modifyTexture}, {@code glTexSubImage2D}), then {@code glFinish}, so the copy is complete when
 * the call returns. Like the pipeline's triple buffer, the frames uploaded take turns among three buffers. The GL
 * context is a hidden GLFW window (OpenGL 3.3 core); without a display, run under
 * {@code xvfb-run} ({@code ./neuroframe bench} does).
 *
 * <p>How to run: {@code ./neuroframe bench --include TextureUpload}, or
 * {@code xvfb-run -a java -cp "perf/target/classes:$(cat perf/target/classpath.txt)" org.openjdk.jmh.Main TextureUploadBenchmark -prof gc}
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class TextureUploadBenchmark {
    private long window;
    private GLRenderer renderer;
    private StreamedFrameTexture texture;
    private final ByteBuffer[] frames = new ByteBuffer[3];
    private int next;

    @Setup(Level.Trial)
    public void setUp() {
        if (!GLFW.glfwInit()) {
            throw new IllegalStateException("TextureUploadBenchmark: GLFW cannot start (no display? run under "
                    + "xvfb-run)");
        }
        GLFW.glfwDefaultWindowHints();
        GLFW.glfwWindowHint(GLFW.GLFW_VISIBLE, GLFW.GLFW_FALSE);
        GLFW.glfwWindowHint(GLFW.GLFW_CONTEXT_VERSION_MAJOR, 3);
        GLFW.glfwWindowHint(GLFW.GLFW_CONTEXT_VERSION_MINOR, 3);
        GLFW.glfwWindowHint(GLFW.GLFW_OPENGL_PROFILE, GLFW.GLFW_OPENGL_CORE_PROFILE);
        GLFW.glfwWindowHint(GLFW.GLFW_OPENGL_FORWARD_COMPAT, GLFW.GLFW_TRUE);
        window = GLFW.glfwCreateWindow(64, 64, "NeuroFrame upload benchmark", MemoryUtil.NULL, MemoryUtil.NULL);
        if (window == MemoryUtil.NULL) {
            GLFW.glfwTerminate();
            throw new IllegalStateException("TextureUploadBenchmark: no OpenGL 3.3 core context (hidden GLFW window)");
        }
        GLFW.glfwMakeContextCurrent(window);
        GL.createCapabilities();
        renderer = new GLRenderer(new LwjglGL(), new LwjglGLExt(), new LwjglGLFboGL3());
        renderer.initialize();
        texture = new StreamedFrameTexture(LatentContract.IMAGE_WIDTH, LatentContract.IMAGE_HEIGHT);
        for (int i = 0; i < frames.length; i++) {
            frames[i] = FrameBuffers.rgba();
            RgbaPacker.pack(FrameBuffers.image(5 + i), frames[i], RowOrder.BOTTOM_UP);
        }
        ByteBuffer uploaded = upload();
        requireOnGpu(uploaded);
    }

    /** Reads the texture back and checks it holds {@code frame}, so the benchmark times a real upload. */
    private void requireOnGpu(ByteBuffer frame) {
        ByteBuffer readBack = FrameBuffers.rgba();
        GL11.glBindTexture(GL11.GL_TEXTURE_2D, texture.texture().getImage().getId());
        GL11.glGetTexImage(GL11.GL_TEXTURE_2D, 0, GL11.GL_RGBA, GL11.GL_UNSIGNED_BYTE, readBack);
        if (readBack.mismatch(frame.duplicate().clear()) != -1) {
            throw new IllegalStateException("TextureUploadBenchmark: the texture read back differs from the frame "
                    + "uploaded (first differing byte " + readBack.mismatch(frame.duplicate().clear()) + ")");
        }
    }

    /** JMH may run an iteration on another of its threads: the context follows it. */
    @Setup(Level.Iteration)
    public void makeCurrent() {
        GLFW.glfwMakeContextCurrent(window);
        GL.createCapabilities();
    }

    @Benchmark
    public ByteBuffer upload() {
        ByteBuffer frame = frames[next];
        next = (next + 1) % frames.length;
        texture.show(frame);
        texture.upload(renderer);
        GL11.glFinish();
        return frame;
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        GLFW.glfwMakeContextCurrent(window);
        texture.dispose();
        renderer.cleanup();
        GL.setCapabilities(null);
        GLFW.glfwMakeContextCurrent(MemoryUtil.NULL);
        GLFW.glfwDestroyWindow(window);
        GLFW.glfwTerminate();
    }
}
