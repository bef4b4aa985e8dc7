package io.neuroframe.demo.render;

import io.neuroframe.demo.world.BlockTexture;
import java.util.Random;

/**
 * Paints the 16x16 pixels of each {@link BlockTexture} from its base colour with seeded noise and a few
 * per-tile details (grass fringes, bark stripes, growth rings, planks, cracks, crystal facets). Deterministic:
 * the same tile always gets the same pixels. Pixels are ARGB, row 0 at the top.
 */
final class BlockTexturePainter {
    static final int TILE = 16;

    private BlockTexturePainter() {
    }

    /** Paints {@code texture} into a new ARGB array of TILE * TILE pixels. */
    static int[] paint(BlockTexture texture) {
        Random random = new Random(0x5EEDL * 31 + texture.ordinal());
        int[] px = new int[TILE * TILE];
        int base = texture.baseColor();
        switch (texture) {
            case GRASS_TOP, MOSS_TOP -> speckle(px, base, 0.16, random);
            case GRASS_SIDE -> sideWithTop(px, BlockTexture.DIRT.baseColor(), BlockTexture.GRASS_TOP.baseColor(), random);
            case SNOW_SIDE -> sideWithTop(px, BlockTexture.DIRT.baseColor(), BlockTexture.SNOW.baseColor(), random);
            case MOSS_SIDE -> sideWithTop(px, BlockTexture.OBSIDIAN.baseColor(), BlockTexture.MOSS_TOP.baseColor(), random);
            case LOG_SIDE, SPRUCE_LOG_SIDE -> stripes(px, base, random, true);
            case LOG_TOP -> rings(px, base, random);
            case PLANKS -> planks(px, base, random);
            case LEAVES, SPRUCE_LEAVES -> leaves(px, base, random);
            case WATER -> water(px, base, random);
            case LAVA -> lava(px, random);
            case MAGMA -> cracks(px, base, 0xff6a10, random);
            case CRYSTAL -> crystal(px, base, random);
            case MUSHROOM_CAP -> spots(px, base, 0xffb0ff, random);
            case CACTUS_SIDE -> stripes(px, base, random, false);
            case ICE -> ice(px, base, random);
            case STONE, BASALT, OBSIDIAN, GRAVEL, ASH -> blotches(px, base, random);
            default -> speckle(px, base, 0.1, random);
        }
        return px;
    }

    private static void speckle(int[] px, int base, double amount, Random r) {
        for (int i = 0; i < px.length; i++) {
            px[i] = shade(base, 1 + (r.nextDouble() * 2 - 1) * amount);
        }
    }

    private static void blotches(int[] px, int base, Random r) {
        speckle(px, base, 0.08, r);
        for (int k = 0; k < 7; k++) {
            int cx = r.nextInt(TILE);
            int cy = r.nextInt(TILE);
            double f = r.nextBoolean() ? 0.78 : 1.15;
            for (int dy = -1; dy <= 1; dy++) {
                for (int dx = -1; dx <= 1; dx++) {
                    if (r.nextDouble() < 0.7) {
                        int i = idx(cx + dx, cy + dy);
                        px[i] = shade(px[i], f);
                    }
                }
            }
        }
    }

    private static void sideWithTop(int[] px, int ground, int top, Random r) {
        speckle(px, ground, 0.1, r);
        for (int x = 0; x < TILE; x++) {
            int depth = 3 + r.nextInt(3);
            for (int y = 0; y < depth; y++) {
                px[idx(x, y)] = shade(top, 0.9 + r.nextDouble() * 0.2);
            }
        }
    }

    private static void stripes(int[] px, int base, Random r, boolean bark) {
        for (int x = 0; x < TILE; x++) {
            double column = 1 + (r.nextDouble() * 2 - 1) * (bark ? 0.18 : 0.08);
            boolean groove = bark ? r.nextDouble() < 0.25 : x % 4 == 0;
            for (int y = 0; y < TILE; y++) {
                double f = column * (groove ? 0.75 : 1) * (1 + (r.nextDouble() * 2 - 1) * 0.05);
                px[idx(x, y)] = shade(base, f);
            }
        }
        if (!bark) {
            for (int k = 0; k < 10; k++) {
                px[idx(r.nextInt(TILE), r.nextInt(TILE))] = 0xffe8e0b0;
            }
        }
    }

    private static void rings(int[] px, int base, Random r) {
        for (int y = 0; y < TILE; y++) {
            for (int x = 0; x < TILE; x++) {
                double d = Math.hypot(x - 7.5, y - 7.5);
                boolean edge = x == 0 || y == 0 || x == TILE - 1 || y == TILE - 1;
                double f = edge ? 0.55 : (((int) d) % 3 == 0 ? 0.82 : 1.0) * (0.96 + r.nextDouble() * 0.08);
                px[idx(x, y)] = shade(base, f);
            }
        }
    }

    private static void planks(int[] px, int base, Random r) {
        for (int y = 0; y < TILE; y++) {
            int board = y / 4;
            double tone = 0.9 + ((board * 7919) % 5) * 0.04;
            for (int x = 0; x < TILE; x++) {
                boolean seam = y % 4 == 3 || (x == (board % 2 == 0 ? 5 : 12));
                px[idx(x, y)] = shade(base, seam ? 0.65 : tone * (0.95 + r.nextDouble() * 0.1));
            }
        }
    }

    private static void leaves(int[] px, int base, Random r) {
        for (int i = 0; i < px.length; i++) {
            double v = r.nextDouble();
            px[i] = shade(base, v < 0.15 ? 0.55 : v > 0.85 ? 1.25 : 0.9 + r.nextDouble() * 0.2);
        }
    }

    private static void water(int[] px, int base, Random r) {
        for (int y = 0; y < TILE; y++) {
            for (int x = 0; x < TILE; x++) {
                double wave = Math.sin((x + y * 0.5) * 0.8) * 0.06;
                int c = shade(base, 1 + wave + (r.nextDouble() - 0.5) * 0.05);
                px[idx(x, y)] = (0xb4 << 24) | (c & 0xffffff);
            }
        }
    }

    private static void lava(int[] px, Random r) {
        for (int y = 0; y < TILE; y++) {
            for (int x = 0; x < TILE; x++) {
                double swirl = Math.sin(x * 0.7 + Math.sin(y * 0.5) * 2) * 0.5 + 0.5;
                double heat = Math.min(1, swirl * 0.7 + r.nextDouble() * 0.3);
                px[idx(x, y)] = lerp(0xd83a08, 0xffd040, heat);
            }
        }
    }

    private static void cracks(int[] px, int base, int glow, Random r) {
        speckle(px, base, 0.1, r);
        for (int k = 0; k < 4; k++) {
            int x = r.nextInt(TILE);
            int y = r.nextInt(TILE);
            for (int step = 0; step < 10; step++) {
                px[idx(x, y)] = shade(glow, 0.85 + r.nextDouble() * 0.3);
                x = Math.floorMod(x + r.nextInt(3) - 1, TILE);
                y = Math.floorMod(y + 1, TILE);
            }
        }
    }

    private static void crystal(int[] px, int base, Random r) {
        for (int y = 0; y < TILE; y++) {
            for (int x = 0; x < TILE; x++) {
                int facet = ((x + y) / 4 + (x - y + TILE) / 5) % 3;
                px[idx(x, y)] = shade(base, 0.75 + facet * 0.15 + r.nextDouble() * 0.05);
            }
        }
    }

    private static void spots(int[] px, int base, int spot, Random r) {
        speckle(px, base, 0.08, r);
        for (int k = 0; k < 5; k++) {
            int cx = r.nextInt(TILE);
            int cy = r.nextInt(TILE);
            for (int dy = -1; dy <= 1; dy++) {
                for (int dx = -1; dx <= 1; dx++) {
                    if (Math.abs(dx) + Math.abs(dy) < 2) {
                        px[idx(cx + dx, cy + dy)] = spot | 0xff000000;
                    }
                }
            }
        }
    }

    private static void ice(int[] px, int base, Random r) {
        speckle(px, base, 0.05, r);
        for (int k = 0; k < 3; k++) {
            int y0 = r.nextInt(TILE);
            for (int x = 0; x < TILE; x++) {
                px[idx(x, (y0 + x / 2) % TILE)] = shade(base, 1.18);
            }
        }
    }

    private static int idx(int x, int y) {
        return Math.floorMod(y, TILE) * TILE + Math.floorMod(x, TILE);
    }

    /** Scales an opaque colour's channels by {@code f}, clamped. */
    private static int shade(int rgb, double f) {
        int r = clamp((int) Math.round(((rgb >> 16) & 0xFF) * f));
        int g = clamp((int) Math.round(((rgb >> 8) & 0xFF) * f));
        int b = clamp((int) Math.round((rgb & 0xFF) * f));
        return 0xff000000 | (r << 16) | (g << 8) | b;
    }

    private static int lerp(int a, int b, double t) {
        int r = (int) Math.round(((a >> 16) & 0xFF) * (1 - t) + ((b >> 16) & 0xFF) * t);
        int g = (int) Math.round(((a >> 8) & 0xFF) * (1 - t) + ((b >> 8) & 0xFF) * t);
        int bl = (int) Math.round((a & 0xFF) * (1 - t) + (b & 0xFF) * t);
        return 0xff000000 | (r << 16) | (g << 8) | bl;
    }

    private static int clamp(int v) {
        return Math.max(0, Math.min(255, v));
    }
}
