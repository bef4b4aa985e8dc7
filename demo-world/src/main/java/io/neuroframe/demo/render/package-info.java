/** The demo world's rendering: texture atlas, sky, fog and chunk streaming. */
package io.neuroframe.demo.render;
