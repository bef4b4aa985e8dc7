/** CPU reference upscalers (bilinear, Catmull-Rom, Lanczos, edge-adaptive with sharpening), the arithmetic the GLSL passes are checked against. */
package io.neuroframe.render.upscale;
