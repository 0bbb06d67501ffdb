package org.bootlab.machine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.bootlab.testing.Tools;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FdtTest {

    private static byte[] sample() {
        FdtBuilder b = new FdtBuilder().reserveMemory(0x8000_0000L, 0x8_0000L).bootCpuId(0);
        int ph = b.allocatePhandle();
        b.beginNode("")
                .propertyU32("#address-cells", 2)
                .propertyStrings("compatible", "acme,board", "acme,family")
                .beginNode("chosen")
                .propertyString("bootargs", "console=ttyS0 root=/dev/vda")
                .endNode()
                .beginNode("intc@1000")
                .phandle(ph)
                .property("interrupt-controller")
                .propertyU64("reg", 0x1_0000_1000L)
                .propertyStrings("compatible", "acme,intc")
                .beginNode("deep")
                .propertyCells("cells", 1, -2, 3)
                .endNode()
                .endNode()
                .beginNode("dev@2000")
                .propertyU32("interrupt-parent", ph)
                .propertyString("odd", "abcde") // 6 bytes: padding follows
                .endNode()
                .endNode();
        return b.build();
    }

    @Test
    void roundTripThroughTheReader() throws Exception {
        Fdt fdt = Fdt.parse(sample());
        assertEquals(17, fdt.version());
        assertEquals(16, fdt.lastCompatibleVersion());
        assertEquals(List.of(new Fdt.Reservation(0x8000_0000L, 0x8_0000L)), fdt.reservations());
        assertEquals("console=ttyS0 root=/dev/vda", fdt.string("/chosen", "bootargs").get());
        assertEquals(List.of("acme,board", "acme,family"),
                fdt.root().strings("compatible").get());
        assertEquals(2, fdt.root().u32("#address-cells").get());
        Fdt.Node intc = fdt.node("/intc@1000").get();
        assertEquals("/intc@1000", intc.path());
        assertTrue(intc.has("interrupt-controller"));
        assertEquals(0, intc.property("interrupt-controller").get().length);
        assertEquals(0x1_0000_1000L, intc.u64("reg").get());
        assertArrayEquals(new int[] {1, -2, 3}, fdt.node("/intc/deep").get().cells("cells").get());
        assertEquals("/intc@1000/deep", fdt.node("/intc/deep").get().path());
        int parent = fdt.node("/dev@2000").get().u32("interrupt-parent").get();
        assertEquals(intc, fdt.byPhandle(parent).get());
        assertEquals("abcde", fdt.string("/dev@2000", "odd").get());
        assertFalse(fdt.node("/nope").isPresent());
        assertFalse(fdt.node("/chosen/nope").isPresent());
        assertFalse(fdt.property("/chosen", "nope").isPresent());
        assertEquals(List.of("chosen", "intc@1000", "dev@2000"),
                fdt.root().children().stream().map(Fdt.Node::name).toList());
    }

    @Test
    void layoutFollowsTheSpecification() {
        byte[] blob = sample();
        ByteBuffer b = ByteBuffer.wrap(blob);
        assertEquals(0xd00d_feed, b.getInt(0));
        assertEquals(blob.length, b.getInt(4));
        int offStruct = b.getInt(8);
        int offStrings = b.getInt(12);
        int offRsvmap = b.getInt(16);
        assertEquals(0, offRsvmap % 8);
        assertEquals(0, offStruct % 4);
        assertEquals(offStruct, offRsvmap + 2 * 16, "one reservation plus the terminator");
        assertEquals(offStrings, offStruct + b.getInt(36));
        assertEquals(blob.length, offStrings + b.getInt(32));
        assertEquals(9, b.getInt(offStrings - 4), "the structure block ends with FDT_END");
        String strings = new String(blob, offStrings, b.getInt(32), StandardCharsets.US_ASCII);
        assertEquals(strings.indexOf("compatible"), strings.lastIndexOf("compatible"),
                "strings are deduplicated");
    }

    @Test
    void builderRejectsMisuse() {
        assertThrows(IllegalArgumentException.class, () -> new FdtBuilder().beginNode("x"));
        assertThrows(IllegalStateException.class, () -> new FdtBuilder().build());
        assertThrows(IllegalStateException.class, () -> new FdtBuilder().beginNode("").build());
        assertThrows(IllegalStateException.class,
                () -> new FdtBuilder().beginNode("").beginNode("a").endNode().property("p"));
        assertThrows(IllegalArgumentException.class,
                () -> new FdtBuilder().beginNode("").property("p").property("p"));
        assertThrows(IllegalArgumentException.class,
                () -> new FdtBuilder().beginNode("").beginNode("a").endNode().beginNode("a"));
        assertThrows(IllegalArgumentException.class,
                () -> new FdtBuilder().beginNode("").beginNode("bad name"));
        assertThrows(IllegalArgumentException.class,
                () -> new FdtBuilder().beginNode("").beginNode("a@"));
        assertThrows(IllegalArgumentException.class,
                () -> new FdtBuilder().beginNode("").propertyString("s", "a\0b"));
        assertThrows(IllegalArgumentException.class,
                () -> new FdtBuilder().beginNode("").property("x".repeat(32)));
        assertThrows(IllegalStateException.class,
                () -> new FdtBuilder().beginNode("").endNode().beginNode(""));
        assertThrows(IllegalStateException.class, () -> new FdtBuilder().endNode());
        assertThrows(IllegalStateException.class, () -> new FdtBuilder().property("p"));
    }

    @Test
    void everyTruncationIsRejected() {
        byte[] blob = sample();
        for (int len = 0; len < blob.length; len++) {
            byte[] cut = java.util.Arrays.copyOf(blob, len);
            Fdt.FormatException e = assertThrows(Fdt.FormatException.class, () -> Fdt.parse(cut),
                    "length " + len);
            assertFalse(e.getMessage().isBlank());
        }
        assertThrows(Fdt.FormatException.class, () -> Fdt.parse(null));
    }

    @Test
    void specificDefectsGetClearMessages() {
        assertMessage(patch(0, 0x1234_5678), "bad magic");
        assertMessage(patch(4, 1 << 30), "totalsize");
        assertMessage(patch(20, 15), "unsupported version");
        assertMessage(patch(16, 41), "not aligned");
        assertMessage(patch(8, 0x7fff_fff0), "structure block");
        assertMessage(patch(32, 0x7fff_ffff), "strings block");
        byte[] blob = sample();
        int offStruct = ByteBuffer.wrap(blob).getInt(8);
        assertMessage(patch(offStruct, 0x77), "unknown token 0x00000077");
        assertMessage(patch(offStruct, 2), "FDT_END_NODE without an open node");
        // The root's first property (#address-cells) follows its token and empty name:
        // FDT_PROP, then the value's length, then the name's offset.
        assertMessage(patch(offStruct + 12, 0x7fff_fff0), "runs past the structure block");
        assertMessage(patch(offStruct + 16, 0x7fff_fff0), "outside the strings block");
        int sizeStruct = ByteBuffer.wrap(blob).getInt(36);
        assertMessage(patch(offStruct + sizeStruct - 4, 4), "without FDT_END");
        assertMessage(patch(offStruct + sizeStruct - 8, 4), "still open");
    }

    @Test
    void tooDeepNestingIsRejected() {
        FdtBuilder b = new FdtBuilder().beginNode("");
        for (int i = 0; i < Fdt.MAX_DEPTH; i++) {
            b.beginNode("n");
        }
        for (int i = 0; i < Fdt.MAX_DEPTH; i++) {
            b.endNode();
        }
        byte[] blob = b.endNode().build();
        assertMessage(blob, "nested deeper");
    }

    @Test
    void randomCorruptionNeverEscapesAsAnythingButFormatException() {
        byte[] good = sample();
        Random random = new Random(20240601);
        for (int round = 0; round < 20_000; round++) {
            byte[] blob = good.clone();
            int flips = 1 + random.nextInt(4);
            for (int i = 0; i < flips; i++) {
                int at = random.nextInt(blob.length);
                blob[at] = random.nextInt(3) == 0 ? (byte) random.nextInt() : (byte) (blob[at] ^ 1 << random.nextInt(8));
            }
            try {
                Fdt.parse(blob);
            } catch (Fdt.FormatException expected) {
                assertFalse(expected.getMessage().isBlank());
            } catch (RuntimeException | StackOverflowError e) {
                fail("round " + round + ": " + e, e);
            }
        }
        for (int round = 0; round < 2_000; round++) {
            byte[] garbage = new byte[random.nextInt(200)];
            random.nextBytes(garbage);
            if (garbage.length >= 4) {
                ByteBuffer.wrap(garbage).putInt(0, 0xd00d_feed);
            }
            assertThrows(Fdt.FormatException.class, () -> Fdt.parse(garbage));
        }
    }

    @Test
    void readsWhatDtcWrites(@TempDir Path dir) throws Exception {
        Path dtc = Tools.require("dtc");
        Path dts = dir.resolve("t.dts");
        Path dtb = dir.resolve("t.dtb");
        Files.writeString(dts, """
                /dts-v1/;
                /memreserve/ 0x80000000 0x1000;
                / {
                    #address-cells = <2>;
                    model = "dtc made this";
                    chosen { bootargs = "quiet"; };
                    node@10 { reg = <0 0x10>; list = "a", "bc"; label: sub { flag; }; };
                    other { ref = <&label>; };
                };
                """);
        Process p = new ProcessBuilder(dtc.toString(), "-I", "dts", "-O", "dtb", "-o",
                dtb.toString(), dts.toString()).redirectErrorStream(true).start();
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), new String(p.getInputStream().readAllBytes()));
        Fdt fdt = Fdt.parse(Files.readAllBytes(dtb));
        assertEquals("dtc made this", fdt.string("/", "model").get());
        assertEquals("quiet", fdt.string("/chosen", "bootargs").get());
        assertEquals(List.of("a", "bc"), fdt.node("/node").get().strings("list").get());
        assertEquals(List.of(new Fdt.Reservation(0x8000_0000L, 0x1000)), fdt.reservations());
        int ref = fdt.node("/other").get().u32("ref").get();
        assertEquals("/node@10/sub", fdt.byPhandle(ref).get().path());
    }

    private static byte[] patch(int offset, int value) {
        byte[] blob = sample();
        ByteBuffer.wrap(blob).putInt(offset, value);
        return blob;
    }

    private static void assertMessage(byte[] blob, String expected) {
        Fdt.FormatException e = assertThrows(Fdt.FormatException.class, () -> Fdt.parse(blob));
        assertTrue(e.getMessage().contains(expected),
                "'" + e.getMessage() + "' should mention '" + expected + "'");
    }
}
