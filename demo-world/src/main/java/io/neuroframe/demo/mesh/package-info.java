/** Chunk meshing with face culling and ambient occlusion. */
package io.neuroframe.demo.mesh;
