/** The adapter experiment: protocols, resumable run units, results, claim checks, reports and figures. */
package io.neuroframe.adapter.experiment;
