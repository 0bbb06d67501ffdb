package org.bootlab.machine;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Writes a flattened devicetree blob (devicetree specification v0.4, chapter 5): version 17,
 * last compatible version 16, big-endian, with the memory reservation block, the structure block
 * and a deduplicated strings block, each aligned as the specification requires.
 *
 * <p>Nodes are written in order: {@link #beginNode}, its properties, its child nodes, then
 * {@link #endNode}. The first node is the root, whose name is the empty string. Misuse (a
 * property after a child node, a duplicate name, an unclosed node) is a programming error and
 * throws {@link IllegalStateException} or {@link IllegalArgumentException}.
 */
public final class FdtBuilder {

    static final int MAGIC = 0xd00d_feed;
    static final int VERSION = 17;
    static final int LAST_COMPATIBLE_VERSION = 16;
    static final int HEADER_SIZE = 40;

    static final int FDT_BEGIN_NODE = 1;
    static final int FDT_END_NODE = 2;
    static final int FDT_PROP = 3;
    static final int FDT_NOP = 4;
    static final int FDT_END = 9;

    /** The specification limits node names to 1..31 characters before the unit address. */
    private static final int MAX_NODE_NAME = 31;
    private static final int MAX_PROPERTY_NAME = 31;

    private final ByteArrayOutputStream struct = new ByteArrayOutputStream();
    private final ByteArrayOutputStream strings = new ByteArrayOutputStream();
    private final Map<String, Integer> stringOffsets = new HashMap<>();
    private final List<long[]> reservations = new ArrayList<>();
    private final Deque<OpenNode> open = new ArrayDeque<>();
    private boolean rootWritten;
    private int bootCpuId;
    private int nextPhandle = 1;

    private static final class OpenNode {
        final String name;
        final Set<String> properties = new HashSet<>();
        final Set<String> children = new HashSet<>();
        boolean hasChildren;

        OpenNode(String name) {
            this.name = name;
        }
    }

    /** Adds an entry to the memory reservation block. */
    public FdtBuilder reserveMemory(long address, long size) {
        reservations.add(new long[] {address, size});
        return this;
    }

    /** The header's boot_cpuid_phys (0 unless set). */
    public FdtBuilder bootCpuId(int id) {
        bootCpuId = id;
        return this;
    }

    /** A fresh phandle value, unique within this blob; pair it with {@link #phandle}. */
    public int allocatePhandle() {
        return nextPhandle++;
    }

    /** Opens a node; the first one must be the root, named "". */
    public FdtBuilder beginNode(String name) {
        if (open.isEmpty()) {
            if (rootWritten) {
                throw new IllegalStateException("the tree already has a root node");
            }
            if (!name.isEmpty()) {
                throw new IllegalArgumentException("the root node's name must be empty, not '"
                        + name + "'");
            }
            rootWritten = true;
        } else {
            checkNodeName(name);
            OpenNode parent = open.peek();
            if (!parent.children.add(name)) {
                throw new IllegalArgumentException("node " + path(name) + " exists already");
            }
            parent.hasChildren = true;
        }
        open.push(new OpenNode(name));
        token(FDT_BEGIN_NODE);
        writePadded(struct, (name + '\0').getBytes(StandardCharsets.US_ASCII));
        return this;
    }

    public FdtBuilder endNode() {
        if (open.isEmpty()) {
            throw new IllegalStateException("endNode() without an open node");
        }
        open.pop();
        token(FDT_END_NODE);
        return this;
    }

    /** A property with a raw value. */
    public FdtBuilder property(String name, byte[] value) {
        OpenNode node = open.peek();
        if (node == null) {
            throw new IllegalStateException("property '" + name + "' outside any node");
        }
        if (node.hasChildren) {
            throw new IllegalStateException("property '" + name + "' of " + path(null)
                    + " comes after a child node; properties must come first");
        }
        checkPropertyName(name);
        if (!node.properties.add(name)) {
            throw new IllegalArgumentException("property '" + name + "' of " + path(null)
                    + " is set twice");
        }
        token(FDT_PROP);
        u32(struct, value.length);
        u32(struct, stringOffset(name));
        writePadded(struct, value);
        return this;
    }

    /** A property with no value, such as {@code interrupt-controller} or {@code ranges}. */
    public FdtBuilder property(String name) {
        return property(name, new byte[0]);
    }

    public FdtBuilder propertyU32(String name, int value) {
        return propertyCells(name, value);
    }

    /** A 64-bit value as two cells, high first. */
    public FdtBuilder propertyU64(String name, long value) {
        return propertyCells(name, (int) (value >>> 32), (int) value);
    }

    public FdtBuilder propertyCells(String name, int... cells) {
        ByteBuffer b = ByteBuffer.allocate(4 * cells.length);
        for (int c : cells) {
            b.putInt(c);
        }
        return property(name, b.array());
    }

    /** A NUL-terminated string; it must not contain NUL itself. */
    public FdtBuilder propertyString(String name, String value) {
        return propertyStrings(name, value);
    }

    /** A string list: each string NUL-terminated, one after the other. */
    public FdtBuilder propertyStrings(String name, String... values) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        for (String v : values) {
            if (v.indexOf('\0') >= 0) {
                throw new IllegalArgumentException("string for property '" + name
                        + "' contains a NUL character");
            }
            b.writeBytes(v.getBytes(StandardCharsets.UTF_8));
            b.write(0);
        }
        return property(name, b.toByteArray());
    }

    /** The node's {@code phandle} property. */
    public FdtBuilder phandle(int phandle) {
        if (phandle == 0 || phandle == -1) {
            throw new IllegalArgumentException("phandle " + phandle + " is reserved");
        }
        return propertyU32("phandle", phandle);
    }

    /** The finished blob; all nodes must be closed. */
    public byte[] build() {
        if (!rootWritten) {
            throw new IllegalStateException("the tree has no root node");
        }
        if (!open.isEmpty()) {
            throw new IllegalStateException("node " + path(null) + " is still open");
        }
        ByteArrayOutputStream structBlock = new ByteArrayOutputStream();
        structBlock.writeBytes(struct.toByteArray());
        u32(structBlock, FDT_END);

        int offRsvmap = HEADER_SIZE; // 40 is a multiple of 8, as the block must be
        int rsvSize = 16 * (reservations.size() + 1);
        int offStruct = offRsvmap + rsvSize; // a multiple of 8, hence of 4
        int sizeStruct = structBlock.size();
        int offStrings = offStruct + sizeStruct;
        int sizeStrings = strings.size();
        int total = offStrings + sizeStrings;

        ByteBuffer out = ByteBuffer.allocate(total);
        out.putInt(MAGIC);
        out.putInt(total);
        out.putInt(offStruct);
        out.putInt(offStrings);
        out.putInt(offRsvmap);
        out.putInt(VERSION);
        out.putInt(LAST_COMPATIBLE_VERSION);
        out.putInt(bootCpuId);
        out.putInt(sizeStrings);
        out.putInt(sizeStruct);
        for (long[] r : reservations) {
            out.putLong(r[0]);
            out.putLong(r[1]);
        }
        out.putLong(0);
        out.putLong(0);
        out.put(structBlock.toByteArray());
        out.put(strings.toByteArray());
        return out.array();
    }

    private int stringOffset(String name) {
        Integer off = stringOffsets.get(name);
        if (off == null) {
            off = strings.size();
            strings.writeBytes(name.getBytes(StandardCharsets.US_ASCII));
            strings.write(0);
            stringOffsets.put(name, off);
        }
        return off;
    }

    private void token(int token) {
        u32(struct, token);
    }

    private static void u32(ByteArrayOutputStream b, int v) {
        b.write(v >>> 24);
        b.write(v >>> 16);
        b.write(v >>> 8);
        b.write(v);
    }

    /** Writes the bytes and pads with zeros to the next 4-byte boundary. */
    private static void writePadded(ByteArrayOutputStream b, byte[] bytes) {
        b.writeBytes(bytes);
        for (int i = bytes.length; (i & 3) != 0; i++) {
            b.write(0);
        }
    }

    /** Node names: 1..31 of [0-9a-zA-Z,._+-], then optionally '@' and a unit address. */
    private static void checkNodeName(String name) {
        int at = name.indexOf('@');
        String base = at < 0 ? name : name.substring(0, at);
        if (base.isEmpty() || base.length() > MAX_NODE_NAME
                || !base.chars().allMatch(c -> isNameChar(c) && c != '#' && c != '?')
                || (at >= 0 && (at == name.length() - 1
                        || !name.substring(at + 1).chars().allMatch(FdtBuilder::isNameChar)))) {
            throw new IllegalArgumentException("'" + name + "' is not a valid node name");
        }
    }

    /** Property names: 1..31 of [0-9a-zA-Z,._+?#-]. */
    private static void checkPropertyName(String name) {
        if (name.isEmpty() || name.length() > MAX_PROPERTY_NAME
                || !name.chars().allMatch(FdtBuilder::isNameChar)) {
            throw new IllegalArgumentException("'" + name + "' is not a valid property name");
        }
    }

    private static boolean isNameChar(int c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')
                || ",._+-?#".indexOf(c) >= 0;
    }

    private String path(String child) {
        StringBuilder sb = new StringBuilder();
        var it = open.descendingIterator();
        while (it.hasNext()) {
            String n = it.next().name;
            if (!n.isEmpty()) {
                sb.append('/').append(n);
            }
        }
        if (child != null) {
            sb.append('/').append(child);
        }
        return sb.length() == 0 ? "/" : sb.toString();
    }
}
