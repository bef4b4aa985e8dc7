/** Image quality metrics: PSNR, SSIM and MS-SSIM. */
package io.neuroframe.codec.metrics;
