package io.neuroframe.demo.style;

import io.neuroframe.demo.world.BlockType;
import io.neuroframe.demo.world.Flora;
import io.neuroframe.demo.world.TerrainRecipe;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The five styles of the demo world, as different from each other as five games: they are the training
 * distribution for the codec and the adapter.
 *
 * <ul>
 *   <li>{@code meadow}: green hills, oak woods and lakes under a blue late-morning sky; a day-night cycle;</li>
 *   <li>{@code desert}: dunes, sandstone and cacti in a hazy orange afternoon;</li>
 *   <li>{@code tundra}: snowfields, frozen lakes and spruce forests in pale blue morning fog;</li>
 *   <li>{@code volcanic}: ash and basalt, glowing magma and lava seas under a dark red sky in thick red fog;</li>
 *   <li>{@code neon}: a starry purple night over teal moss, with glowing giant mushrooms and crystals.</li>
 * </ul>
 */
public final class Styles {
    private static final Map<String, Style> BY_NAME = new LinkedHashMap<>();

    static {
        add(new Style("meadow", "green hills, oak woods and lakes in late-morning sun",
                new SkyPalette(0x4f8be0, 0xb4d6f2, 0xfff6e6), new SkyPalette(0x050a1c, 0x1c2a44, 0x36486e),
                0.42, 480, 0.55, 1.0, 0xfff2d0, 0.8,
                new TerrainRecipe(46, 9, 70, 30, 42, BlockType.GRASS, BlockType.DIRT, BlockType.STONE,
                        BlockType.WATER, BlockType.WATER, BlockType.SAND, 84, BlockType.AIR, 1,
                        List.of(new Flora(Flora.Kind.OAK, 0.3)))));
        add(new Style("desert", "dunes, sandstone and cacti in a hazy orange afternoon",
                new SkyPalette(0xc4804a, 0xf0c48c, 0xffdcb0), new SkyPalette(0x140a10, 0x3a2224, 0x4a3a48),
                0.67, 0, 0.25, 0.9, 0xffe0a0, 0.5,
                new TerrainRecipe(44, 7, 48, 16, 37, BlockType.SAND, BlockType.SAND, BlockType.SANDSTONE,
                        BlockType.WATER, BlockType.WATER, BlockType.SAND, 200, BlockType.SANDSTONE, 0.45,
                        List.of(new Flora(Flora.Kind.CACTUS, 0.3)))));
        add(new Style("tundra", "snowfields, frozen lakes and spruce forests in pale blue morning fog",
                new SkyPalette(0x86a6c8, 0xd8e4ee, 0xe6eeff), new SkyPalette(0x060c18, 0x202c3c, 0x3a4a64),
                0.31, 0, 0.2, 0.85, 0xfff6e8, 0.7,
                new TerrainRecipe(46, 11, 60, 44, 42, BlockType.SNOW, BlockType.DIRT, BlockType.STONE,
                        BlockType.WATER, BlockType.ICE, BlockType.GRAVEL, 0, BlockType.AIR, 1,
                        List.of(new Flora(Flora.Kind.SPRUCE, 0.55)))));
        add(new Style("volcanic", "ash, basalt and glowing magma by lava seas under a red sky in thick red fog",
                new SkyPalette(0x2e0806, 0x8c2414, 0xd09080), new SkyPalette(0x2e0806, 0x8c2414, 0xd09080),
                0.5, 0, 0.05, 0.6, 0, 0,
                new TerrainRecipe(42, 13, 40, 28, 37, BlockType.ASH, BlockType.ASH, BlockType.BASALT,
                        BlockType.LAVA, BlockType.LAVA, BlockType.BASALT, 200, BlockType.MAGMA, 0.5,
                        List.of(new Flora(Flora.Kind.BASALT_SPIRE, 0.3)))));
        add(new Style("neon", "a starry purple night over teal moss with glowing mushrooms and crystals",
                new SkyPalette(0x3a4a9a, 0x9a80c8, 0xc0c0ff), new SkyPalette(0x090420, 0x3c1a5c, 0x8a7ae0),
                0.0, 0, 0.35, 1.0, 0xd8e0ff, 1.0,
                new TerrainRecipe(45, 10, 56, 22, 41, BlockType.MOSS, BlockType.OBSIDIAN, BlockType.OBSIDIAN,
                        BlockType.WATER, BlockType.WATER, BlockType.GRAVEL, 200, BlockType.AIR, 1,
                        List.of(new Flora(Flora.Kind.GLOW_MUSHROOM, 0.3), new Flora(Flora.Kind.CRYSTAL_SPIKE, 0.35)))));
    }

    private Styles() {
    }

    private static void add(Style style) {
        BY_NAME.put(style.name(), style);
    }

    /** All styles in their fixed order. */
    public static List<Style> all() {
        return new ArrayList<>(BY_NAME.values());
    }

    /** The names of all styles in their fixed order. */
    public static List<String> names() {
        return new ArrayList<>(BY_NAME.keySet());
    }

    /**
     * The style called {@code name}.
     *
     * @throws IllegalArgumentException naming the unknown style and listing the known ones
     */
    public static Style byName(String name) {
        Style style = BY_NAME.get(name);
        if (style == null) {
            throw new IllegalArgumentException("unknown style '" + name + "'; known styles: "
                    + String.join(", ", BY_NAME.keySet()));
        }
        return style;
    }

    /**
     * Parses a style list: {@code all}, or names separated by commas.
     *
     * @throws IllegalArgumentException for an unknown or repeated name or an empty list
     */
    public static List<Style> parseList(String spec) {
        if (spec == null || spec.isBlank()) {
            throw new IllegalArgumentException("no styles given; use 'all' or names from: " + String.join(", ", names()));
        }
        if (spec.trim().equals("all")) {
            return all();
        }
        List<Style> styles = new ArrayList<>();
        for (String part : spec.split(",")) {
            Style style = byName(part.trim());
            if (styles.contains(style)) {
                throw new IllegalArgumentException("style '" + style.name() + "' is listed twice");
            }
            styles.add(style);
        }
        return styles;
    }
}
