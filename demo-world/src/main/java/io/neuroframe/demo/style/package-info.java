/** The five visual styles that stand for five different games. */
package io.neuroframe.demo.style;
