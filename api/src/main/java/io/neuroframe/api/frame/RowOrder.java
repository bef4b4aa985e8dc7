package io.neuroframe.api.frame;

/** The order of image rows in a packed RGBA8 buffer. */
public enum RowOrder {
    /** The first row in memory is the top of the image (image files, most CPU code). */
    TOP_DOWN,
    /** The first row in memory is the bottom of the image (OpenGL texture convention). */
    BOTTOM_UP
}
