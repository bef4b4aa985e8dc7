/** Codec model definitions: the ViT-VAE presets ({@code nf-small}, Oasis {@code vit-l-20}), the convolutional {@code nf-tiny} decoder, their tensor layouts and weights. */
package io.neuroframe.codec.model;
