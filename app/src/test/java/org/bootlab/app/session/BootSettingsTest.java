package org.bootlab.app.session;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.bootlab.app.session.BootSettings.SortAlgorithm;
import org.junit.jupiter.api.Test;

class BootSettingsTest {

    @Test
    void choosingASortReplacesOnlyTheSortArgument() {
        assertEquals("kern.hz=1000 sysinit.sort=bubble",
                BootSettings.withSort("sysinit.sort=merge kern.hz=1000", SortAlgorithm.BUBBLE));
        assertEquals("sysinit.sort=qsort", BootSettings.withSort("", SortAlgorithm.QSORT));
        assertEquals(SortAlgorithm.QSORT, BootSettings.sortOf("a=1 sysinit.sort=qsort"));
        assertEquals(SortAlgorithm.MERGE, BootSettings.sortOf("tslog.dump=1"));
    }
}
