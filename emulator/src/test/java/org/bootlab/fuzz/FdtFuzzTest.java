package org.bootlab.fuzz;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.bootlab.machine.Fdt;
import org.bootlab.machine.FdtBuilder;

/**
 * The devicetree reader on arbitrary blobs (only {@link Fdt.FormatException} may come out), and
 * the writer and reader as a pair: what the writer produces, the reader reads back unchanged.
 */
class FdtFuzzTest {

    @FuzzTest
    void parse(byte[] blob) {
        Fdt fdt;
        try {
            fdt = Fdt.parse(blob);
        } catch (Fdt.FormatException e) {
            return;
        }
        visit(fdt, fdt.root());
        fdt.reservations().forEach(r -> r.address());
        byte[] rebuilt;
        try {
            rebuilt = rebuild(fdt);
        } catch (IllegalArgumentException e) {
            return; // a name the specification forbids: the reader tolerates it, the writer refuses it
        }
        assertSameTree(fdt.root(), parseOrFail(rebuilt).root());
    }

    @FuzzTest
    void writtenTreesReadBack(FuzzedDataProvider data) {
        FdtBuilder b = new FdtBuilder().bootCpuId(data.consumeInt());
        int reservations = data.consumeInt(0, 3);
        for (int i = 0; i < reservations; i++) {
            long address = data.consumeLong();
            long size = data.consumeLong();
            if (address != 0 || size != 0) { // 0, 0 ends the block
                b.reserveMemory(address, size);
            }
        }
        b.beginNode("");
        writeNode(b, data, 0);
        b.endNode();
        Fdt fdt = parseOrFail(b.build());
        visit(fdt, fdt.root());
    }

    private static void writeNode(FdtBuilder b, FuzzedDataProvider data, int depth) {
        Set<String> names = new HashSet<>();
        int properties = data.consumeInt(0, 4);
        for (int i = 0; i < properties; i++) {
            String name = name(data, "#?");
            if (names.add(name)) {
                b.property(name, data.consumeBytes(data.consumeInt(0, 64)));
            }
        }
        int children = depth >= Fdt.MAX_DEPTH - 1 ? 0 : data.consumeInt(0, 3);
        Set<String> childNames = new HashSet<>();
        for (int i = 0; i < children; i++) {
            String name = name(data, "");
            if (data.consumeBoolean()) {
                name += "@" + Long.toHexString(data.consumeLong() >>> 1);
            }
            if (childNames.add(name)) {
                b.beginNode(name);
                writeNode(b, data, depth + 1);
                b.endNode();
            }
        }
    }

    /** 1..31 characters the specification allows in names, plus {@code extra}. */
    private static String name(FuzzedDataProvider data, String extra) {
        String alphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789,._+-" + extra;
        int length = data.consumeInt(1, 31);
        StringBuilder sb = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            sb.append(alphabet.charAt(data.consumeInt(0, alphabet.length() - 1)));
        }
        return sb.toString();
    }

    /** Every accessor a consumer (the machine's tests, a DTB view) may call. */
    private static void visit(Fdt fdt, Fdt.Node node) {
        for (String p : node.properties().keySet()) {
            node.u32(p);
            node.u64(p);
            node.cells(p);
            node.string(p);
            node.strings(p);
            node.property(p);
        }
        fdt.node(node.path());
        node.u32("phandle").ifPresent(fdt::byPhandle);
        for (Fdt.Node child : node.children()) {
            node.child(child.name());
            visit(fdt, child);
        }
    }

    private static byte[] rebuild(Fdt fdt) {
        FdtBuilder b = new FdtBuilder().bootCpuId(fdt.bootCpuId());
        fdt.reservations().forEach(r -> b.reserveMemory(r.address(), r.size()));
        b.beginNode("");
        rebuild(b, fdt.root());
        b.endNode();
        return b.build();
    }

    private static void rebuild(FdtBuilder b, Fdt.Node node) {
        for (Map.Entry<String, byte[]> p : node.properties().entrySet()) {
            b.property(p.getKey(), p.getValue());
        }
        for (Fdt.Node child : node.children()) {
            b.beginNode(child.name());
            rebuild(b, child);
            b.endNode();
        }
    }

    private static Fdt parseOrFail(byte[] blob) {
        try {
            return Fdt.parse(blob);
        } catch (Fdt.FormatException e) {
            throw new AssertionError("the reader rejects what the writer wrote: " + e.getMessage(), e);
        }
    }

    private static void assertSameTree(Fdt.Node expected, Fdt.Node actual) {
        assertEquals(expected.path(), actual.path());
        assertEquals(List.copyOf(expected.properties().keySet()), List.copyOf(actual.properties().keySet()));
        for (String p : expected.properties().keySet()) {
            assertArrayEquals(expected.property(p).get(), actual.property(p).get(), expected.path() + " " + p);
        }
        List<Fdt.Node> a = new ArrayList<>(expected.children());
        List<Fdt.Node> b = new ArrayList<>(actual.children());
        assertEquals(a.size(), b.size(), expected.path() + " children");
        for (int i = 0; i < a.size(); i++) {
            assertSameTree(a.get(i), b.get(i));
        }
    }
}
