/** The voxel demo game's application and configuration. */
package io.neuroframe.demo.app;
