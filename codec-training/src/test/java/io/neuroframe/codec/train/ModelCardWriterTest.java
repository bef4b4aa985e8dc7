package io.neuroframe.codec.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ModelCardWriterTest {

    @Test
    void writesTitleParagraphsAndATableWithBlankLinesBetweenThem() {
        String md = new ModelCardWriter("nf-test weights")
                .paragraph("What the file holds.")
                .row("parameters", "1,234")
                .row("trained", "2026-01-01")
                .paragraph("How to evaluate it.")
                .toMarkdown();
        assertEquals("# nf-test weights\n\nWhat the file holds.\n\n| | |\n|---|---|\n| parameters | 1,234 |\n"
                + "| trained | 2026-01-01 |\n\nHow to evaluate it.\n", md);
    }

    @Test
    void statesWallTimeWithTheThreadCount() {
        assertEquals("12m05s of training steps (DJL PyTorch, CPU, 1 intra-op thread)", ModelCardWriter.wallTime(725, 1));
        assertEquals("1h00m of training steps (DJL PyTorch, CPU, 2 intra-op threads)", ModelCardWriter.wallTime(3600, 2));
    }
}
