/** The voxel world: blocks, chunks and seeded terrain generation. */
package io.neuroframe.demo.world;
