package io.neuroframe.jme;

import com.jme3.asset.AssetManager;
import com.jme3.material.Material;
import com.jme3.material.RenderState;
import com.jme3.math.ColorRGBA;
import com.jme3.scene.Geometry;
import com.jme3.scene.Mesh;
import com.jme3.scene.VertexBuffer;
import com.jme3.scene.shape.Quad;
import com.jme3.util.BufferUtils;
import java.nio.FloatBuffer;
import java.nio.IntBuffer;

/**
 * A stacked bar chart of per-frame stage times for the GUI node: one column per frame, one
 * coloured segment per stage, and a horizontal line at the frame budget. One mesh, created
 * once; {@link #update} rewrites its position buffer in place.
 */
final class StackedBarChart {
    private final int columns;
    private final int series;
    private final float width;
    private final float height;
    private final Mesh mesh = new Mesh();
    private final FloatBuffer positions;
    private final Geometry geometry;
    private final Geometry budgetLine;

    StackedBarChart(AssetManager assets, int columns, int series, ColorRGBA[] colors, float width, float height) {
        this.columns = columns;
        this.series = series;
        this.width = width;
        this.height = height;
        int quads = columns * series;
        positions = BufferUtils.createFloatBuffer(quads * 4 * 3);
        FloatBuffer colorBuffer = BufferUtils.createFloatBuffer(quads * 4 * 4);
        IntBuffer indices = BufferUtils.createIntBuffer(quads * 6);
        for (int q = 0; q < quads; q++) {
            ColorRGBA c = colors[q % series];
            for (int v = 0; v < 4; v++) {
                colorBuffer.put(c.r).put(c.g).put(c.b).put(c.a);
            }
            int base = q * 4;
            indices.put(base).put(base + 1).put(base + 2).put(base).put(base + 2).put(base + 3);
        }
        positions.put(new float[quads * 4 * 3]).flip();
        colorBuffer.flip();
        indices.flip();
        mesh.setBuffer(VertexBuffer.Type.Position, 3, positions);
        mesh.setBuffer(VertexBuffer.Type.Color, 4, colorBuffer);
        mesh.setBuffer(VertexBuffer.Type.Index, 3, indices);
        mesh.getBuffer(VertexBuffer.Type.Position).setUsage(VertexBuffer.Usage.Stream);
        mesh.updateBound();

        Material material = new Material(assets, "Common/MatDefs/Misc/Unshaded.j3md");
        material.setBoolean("VertexColor", true);
        material.getAdditionalRenderState().setBlendMode(RenderState.BlendMode.Alpha);
        geometry = new Geometry("profiler chart", mesh);
        geometry.setMaterial(material);

        budgetLine = new Geometry("profiler budget line", new Quad(width, 1.5f));
        Material lineMaterial = new Material(assets, "Common/MatDefs/Misc/Unshaded.j3md");
        lineMaterial.setColor("Color", ColorRGBA.White);
        budgetLine.setMaterial(lineMaterial);
    }

    Geometry geometry() {
        return geometry;
    }

    Geometry budgetLine() {
        return budgetLine;
    }

    /**
     * Redraws the chart from {@code durations[series][i]} (nanoseconds, newest first,
     * {@code counts[series]} valid entries; the newest column is drawn on the right) with the budget line at {@code budgetNanos}. The vertical
     * scale shows one and a half budgets, or the tallest column if that is taller.
     */
    void update(long[][] durations, int[] counts, long budgetNanos) {
        int frames = 0;
        for (int count : counts) {
            frames = Math.max(frames, count);
        }
        int shown = Math.min(frames, columns);
        long tallest = budgetNanos + budgetNanos / 2;
        for (int c = 0; c < shown; c++) {
            long total = 0;
            for (int s = 0; s < series; s++) {
                total += at(durations[s], counts[s], c, shown);
            }
            tallest = Math.max(tallest, total);
        }
        float pixelsPerNano = height / tallest;
        float columnWidth = width / columns;
        positions.clear();
        for (int c = 0; c < columns; c++) {
            float x0 = c * columnWidth;
            float x1 = x0 + Math.max(1f, columnWidth - 0.5f);
            float y = 0;
            for (int s = 0; s < series; s++) {
                long nanos = c < shown ? at(durations[s], counts[s], c, shown) : 0;
                float top = y + nanos * pixelsPerNano;
                positions.put(x0).put(y).put(0).put(x1).put(y).put(0).put(x1).put(top).put(0).put(x0).put(top).put(0);
                y = top;
            }
        }
        positions.flip();
        mesh.getBuffer(VertexBuffer.Type.Position).updateData(positions);
        mesh.updateBound();
        budgetLine.setLocalTranslation(geometry.getLocalTranslation().x,
                geometry.getLocalTranslation().y + budgetNanos * pixelsPerNano, 2);
    }

    /** Column {@code c} (0 = oldest shown) of a newest-first series with {@code count} valid entries. */
    private static long at(long[] series, int count, int c, int shown) {
        int index = shown - 1 - c;
        return index < count ? series[index] : 0;
    }
}
