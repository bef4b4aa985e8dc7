/** The {@code neuroframe} command line. */
package io.neuroframe.demo.cli;
