package org.bootlab.app.timeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TimeAxisTest {

    @Test
    void zoomKeepsTheAnchorAndStaysInBounds() {
        TimeAxis axis = new TimeAxis();
        axis.setBounds(0, 1_000_000);
        axis.fitAll();
        axis.zoom(4, 250_000);
        assertEquals(250_000 * 0.75, axis.start(), 1e-6);
        assertEquals(250_000, axis.span(), 1e-6);
        axis.pan(-10_000_000);
        assertEquals(0, axis.start(), 1e-9, "panning stops at the start");
        axis.zoom(1e12, 0);
        assertEquals(TimeAxis.MIN_SPAN, axis.span(), 1e-9);
        axis.zoom(1e-12, 0);
        assertEquals(1_000_000, axis.span(), 1e-9, "zooming out stops at the bounds");
    }

    @Test
    void aWindowAtTheEndFollowsALiveTrace() {
        TimeAxis axis = new TimeAxis();
        axis.setBounds(0, 1000);
        axis.set(500, 1000);
        axis.extendTo(3000);
        assertEquals(2500, axis.start(), 1e-9);
        assertTrue(axis.showsEnd());
        axis.set(0, 100);
        axis.extendTo(5000);
        assertEquals(0, axis.start(), 1e-9, "a window elsewhere stays put");
    }

    @Test
    void rulerUnits() {
        assertEquals(5_000, TimeUnits.tickStep(3_100));
        assertEquals("1.500 ms", TimeUnits.format(1_500_000));
        assertEquals("117 ns", TimeUnits.format(117));
        assertEquals("0.2 ms", TimeUnits.tickLabel(200_000, 100_000));
        assertEquals("35 µs", TimeUnits.tickLabel(35_000, 5_000));
    }
}
