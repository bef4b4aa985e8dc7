/** The Oasis-style DiT world model: presets, the checkpoint tensor layout, rotary tables and weight files. */
package io.neuroframe.world.model;
