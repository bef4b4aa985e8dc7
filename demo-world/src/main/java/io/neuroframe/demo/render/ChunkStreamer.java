package io.neuroframe.demo.render;

import com.jme3.app.Application;
import com.jme3.app.SimpleApplication;
import com.jme3.app.state.BaseAppState;
import com.jme3.math.Vector3f;
import com.jme3.scene.Node;
import io.neuroframe.demo.mesh.ChunkMeshData;
import io.neuroframe.demo.mesh.ChunkMesher;
import io.neuroframe.demo.world.BlockNeighbourhood;
import io.neuroframe.demo.world.Chunk;
import io.neuroframe.demo.world.ChunkPos;
import io.neuroframe.demo.world.TerrainGenerator;
import io.neuroframe.demo.world.World;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Loads and unloads chunks around a focus point (the player) without stalling the render thread. Generation and
 * meshing run on one worker thread, nearest chunks first, with a few jobs in flight so priorities follow the
 * player; the render thread only copies a chunk's neighbourhood for the mesher (a few microseconds) and uploads at
 * most {@code uploadsPerFrame} finished meshes per frame.
 *
 * <p>Chunks within {@code radius} get meshes; data is kept one ring further (the mesher needs neighbours) and
 * dropped two rings beyond, so walking back and forth across a chunk border does not thrash. A block change
 * re-meshes its chunk, and the neighbouring chunk when the block lies on their border.
 */
public final class ChunkStreamer extends BaseAppState {
    private static final int MAX_JOBS_IN_FLIGHT = 3;

    private final World world;
    private final TerrainGenerator generator;
    private final TerrainMaterials materials;
    private final Supplier<Vector3f> focus;
    private final int radius;
    private final int uploadsPerFrame;
    private final int[][] offsetsByDistance;
    private final Map<Long, Entry> entries = new HashMap<>();
    private final ConcurrentLinkedQueue<Chunk> generated = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<MeshResult> meshed = new ConcurrentLinkedQueue<>();
    private final Node terrainNode = new Node("terrain");
    private final World.BlockChangeListener invalidator = this::invalidateAround;
    private final ThreadLocal<ChunkMesher> meshers = ThreadLocal.withInitial(ChunkMesher::new);
    private volatile RuntimeException workerFailure;
    private ExecutorService worker;
    private int jobsInFlight;
    private int uploadsTotal;

    /** Render-thread bookkeeping for one chunk. */
    private static final class Entry {
        final ChunkPos pos;
        boolean loaded;
        boolean meshing;
        int generation;
        int meshedGeneration = -1;
        Node node;

        Entry(ChunkPos pos) {
            this.pos = pos;
        }
    }

    private record MeshResult(ChunkMeshData data, int generation) {
    }

    /**
     * @param focus the point to load around, read once per frame on the render thread
     * @param radius mesh radius in chunks (at least 1)
     * @param uploadsPerFrame most finished meshes attached per frame (at least 1)
     */
    public ChunkStreamer(World world, TerrainGenerator generator, TerrainMaterials materials, Supplier<Vector3f> focus,
                         int radius, int uploadsPerFrame) {
        if (radius < 1 || uploadsPerFrame < 1) {
            throw new IllegalArgumentException("radius and uploadsPerFrame must be >= 1, got " + radius + ", "
                    + uploadsPerFrame);
        }
        this.world = world;
        this.generator = generator;
        this.materials = materials;
        this.focus = focus;
        this.radius = radius;
        this.uploadsPerFrame = uploadsPerFrame;
        this.offsetsByDistance = offsets(radius);
    }

    /** Offsets of every chunk in mesh range or next to one (the mesher needs all eight neighbours), nearest first. */
    private static int[][] offsets(int meshRadius) {
        int r = meshRadius + 1;
        List<int[]> list = new ArrayList<>();
        for (int dz = -r; dz <= r; dz++) {
            for (int dx = -r; dx <= r; dx++) {
                if (nearMeshRange(dx, dz, meshRadius)) {
                    list.add(new int[] {dx, dz});
                }
            }
        }
        list.sort(Comparator.comparingInt(o -> o[0] * o[0] + o[1] * o[1]));
        return list.toArray(new int[0][]);
    }

    private static boolean nearMeshRange(int dx, int dz, int meshRadius) {
        for (int nz = dz - 1; nz <= dz + 1; nz++) {
            for (int nx = dx - 1; nx <= dx + 1; nx++) {
                if (nx * nx + nz * nz <= meshRadius * meshRadius + meshRadius) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Mesh radius in chunks. */
    public int radius() {
        return radius;
    }

    /** The node holding every chunk's geometry. */
    public Node terrainNode() {
        return terrainNode;
    }

    /** Total meshes attached since start (grows with every upload). */
    public int uploadsTotal() {
        return uploadsTotal;
    }

    /** Whether {@code pos} lies within the mesh radius of the focus chunk {@code (cx, cz)}. */
    private boolean inMeshRange(ChunkPos pos, int cx, int cz) {
        return pos.distanceSquared(cx, cz) <= radius * radius + radius;
    }

    /**
     * Chunks within {@code withinRadius} of the focus chunk that lack an up-to-date mesh; 0 means everything the
     * player can see there is drawn.
     */
    public int missingMeshes(int withinRadius) {
        ChunkPos center = focusChunk();
        int missing = 0;
        for (int[] o : offsetsByDistance) {
            if (o[0] * o[0] + o[1] * o[1] > withinRadius * withinRadius + withinRadius) {
                continue;
            }
            Entry e = entries.get(ChunkPos.key(center.x() + o[0], center.z() + o[1]));
            if (e == null || e.meshedGeneration != e.generation) {
                missing++;
            }
        }
        return missing;
    }

    /** Whether every chunk within the mesh radius is loaded and drawn up to date. */
    public boolean isSettled() {
        return missingMeshes(radius) == 0;
    }

    /** Number of chunks whose data is held. */
    public int loadedChunks() {
        return world.chunks().size();
    }

    /** The geometry node of the chunk at {@code pos}, or null when it has no mesh. */
    public Node chunkNode(ChunkPos pos) {
        Entry e = entries.get(pos.key());
        return e == null ? null : e.node;
    }

    /** Drops every chunk (data and geometry), e.g. before teleporting far away. */
    public void clear() {
        for (Entry e : entries.values()) {
            if (e.node != null) {
                e.node.removeFromParent();
            }
        }
        entries.clear();
        world.clear();
        // results of jobs still running are ignored when they arrive (no entry)
    }

    @Override
    protected void initialize(Application app) {
        worker = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "chunk-worker");
            t.setDaemon(true);
            t.setPriority(Thread.NORM_PRIORITY - 1);
            return t;
        });
        world.addBlockChangeListener(invalidator);
    }

    @Override
    protected void cleanup(Application app) {
        world.removeBlockChangeListener(invalidator);
        worker.shutdownNow();
        try {
            worker.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        clear();
    }

    @Override
    protected void onEnable() {
        ((SimpleApplication) getApplication()).getRootNode().attachChild(terrainNode);
    }

    @Override
    protected void onDisable() {
        terrainNode.removeFromParent();
    }

    @Override
    public void update(float tpf) {
        if (workerFailure != null) {
            throw workerFailure;
        }
        ChunkPos center = focusChunk();
        acceptGenerated();
        uploadMeshes(center);
        schedule(center);
        unloadFar(center);
    }

    private ChunkPos focusChunk() {
        Vector3f p = focus.get();
        return ChunkPos.ofBlock((int) Math.floor(p.x), (int) Math.floor(p.z));
    }

    private void acceptGenerated() {
        for (Chunk chunk; (chunk = generated.poll()) != null; ) {
            jobsInFlight--;
            Entry e = entries.get(chunk.pos().key());
            if (e != null && !e.loaded) {
                world.put(chunk);
                e.loaded = true;
            }
        }
    }

    private void uploadMeshes(ChunkPos center) {
        int uploads = 0;
        while (uploads < uploadsPerFrame) {
            MeshResult result = meshed.poll();
            if (result == null) {
                return;
            }
            jobsInFlight--;
            Entry e = entries.get(result.data().pos().key());
            if (e == null) {
                continue;
            }
            e.meshing = false;
            if (result.generation() != e.generation || !inMeshRange(e.pos, center.x(), center.z())) {
                continue;
            }
            if (e.node != null) {
                e.node.removeFromParent();
            }
            e.node = ChunkGeometries.build(result.data(), materials);
            terrainNode.attachChild(e.node);
            e.meshedGeneration = result.generation();
            uploads++;
            uploadsTotal++;
        }
    }

    private void schedule(ChunkPos center) {
        for (int[] o : offsetsByDistance) {
            if (jobsInFlight >= MAX_JOBS_IN_FLIGHT) {
                return;
            }
            int cx = center.x() + o[0];
            int cz = center.z() + o[1];
            Entry e = entries.get(ChunkPos.key(cx, cz));
            if (e == null) {
                e = new Entry(new ChunkPos(cx, cz));
                entries.put(e.pos.key(), e);
                submitGeneration(e.pos);
            } else if (e.loaded && !e.meshing && e.meshedGeneration != e.generation
                    && inMeshRange(e.pos, center.x(), center.z()) && neighboursLoaded(cx, cz)) {
                e.meshing = true;
                submitMesh(world.neighbourhood(world.chunkAt(e.pos)), e.generation);
            }
        }
    }

    private boolean neighboursLoaded(int cx, int cz) {
        for (int dz = -1; dz <= 1; dz++) {
            for (int dx = -1; dx <= 1; dx++) {
                Entry n = entries.get(ChunkPos.key(cx + dx, cz + dz));
                if (n == null || !n.loaded) {
                    return false;
                }
            }
        }
        return true;
    }

    private void submitGeneration(ChunkPos pos) {
        jobsInFlight++;
        worker.execute(guarded(() -> generated.add(generator.generate(pos)), "generating chunk " + pos));
    }

    private void submitMesh(BlockNeighbourhood blocks, int generation) {
        jobsInFlight++;
        worker.execute(guarded(() -> meshed.add(new MeshResult(meshers.get().mesh(blocks), generation)),
                "meshing chunk " + blocks.pos()));
    }

    /** Wraps a job so that its failure is kept and reported on the render thread. */
    private Runnable guarded(Runnable job, String what) {
        return () -> {
            try {
                job.run();
            } catch (RuntimeException e) {
                workerFailure = new IllegalStateException("chunk worker failed " + what + ": " + e, e);
            }
        };
    }

    private void unloadFar(ChunkPos center) {
        int keep = radius + 2;
        int keepSq = keep * keep + keep;
        int meshSq = (radius + 1) * (radius + 1) + radius + 1;
        for (Iterator<Entry> it = entries.values().iterator(); it.hasNext(); ) {
            Entry e = it.next();
            int d = e.pos.distanceSquared(center.x(), center.z());
            if (d > meshSq && e.node != null) {
                e.node.removeFromParent();
                e.node = null;
                e.meshedGeneration = -1;
            }
            if (d > keepSq && e.loaded && !e.meshing) {
                world.remove(e.pos);
                it.remove();
            }
        }
    }

    /** Marks the chunk of a changed block, and neighbours sharing its border, as needing a new mesh. */
    private void invalidateAround(int x, int y, int z) {
        int cx = Math.floorDiv(x, Chunk.SIZE);
        int cz = Math.floorDiv(z, Chunk.SIZE);
        int lx = Math.floorMod(x, Chunk.SIZE);
        int lz = Math.floorMod(z, Chunk.SIZE);
        int borderX = lx == 0 ? -1 : lx == Chunk.SIZE - 1 ? 1 : 0;
        int borderZ = lz == 0 ? -1 : lz == Chunk.SIZE - 1 ? 1 : 0;
        for (int dx = Math.min(0, borderX); dx <= Math.max(0, borderX); dx++) {
            for (int dz = Math.min(0, borderZ); dz <= Math.max(0, borderZ); dz++) {
                Entry e = entries.get(ChunkPos.key(cx + dx, cz + dz));
                if (e != null) {
                    e.generation++;
                }
            }
        }
    }
}
