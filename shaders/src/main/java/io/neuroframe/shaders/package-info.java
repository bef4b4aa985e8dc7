/** Checks that the GLSL upscaling passes compile on the running GL. */
package io.neuroframe.shaders;
