package org.bootlab.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The trace's own hash tables, through growth and colliding keys. */
class LookupTablesTest {

    @Test
    void nameIdsAreDenseInFirstUseOrder() {
        NameTable t = new NameTable();
        for (int i = 0; i < 10_000; i++) {
            assertEquals(i, t.intern("name " + i));
        }
        // "Aa" and "BB" have the same String hash
        int aa = t.intern("Aa");
        int bb = t.intern("BB");
        assertEquals(10_000, aa);
        assertEquals(10_001, bb);
        for (int i = 0; i < 10_000; i++) {
            assertEquals(i, t.intern(new String("name " + i)));
            assertEquals(i, t.find("name " + i));
        }
        assertEquals(aa, t.find("Aa"));
        assertEquals(bb, t.find("BB"));
        assertEquals(-1, t.find("name 10000"));
        assertEquals(10_002, t.size());
        assertEquals("name 1234", t.name(1234));
    }

    @Test
    void longKeysMapToTheirLatestValue() {
        LongIntMap m = new LongIntMap();
        for (long k = 0; k < 5_000; k++) {
            m.put(k << 32, (int) k);
            m.put(-k, (int) k + 1);
        }
        m.put(7L << 32, 70);
        assertEquals(70, m.get(7L << 32));
        assertEquals(3_999, m.get(3_999L << 32));
        assertEquals(4_000, m.get(-3_999));
        assertEquals(1, m.get(0));
        assertEquals(LongIntMap.MISSING, m.get(5_000L << 32));
        assertEquals(9_999, m.size());
    }
}
