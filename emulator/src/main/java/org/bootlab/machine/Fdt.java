package org.bootlab.machine;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A parsed flattened devicetree blob. {@link #parse} checks the whole blob against the
 * devicetree specification's format (header, blocks inside the blob, alignment, tokens, string
 * references, nesting) and rejects anything else with a {@link FormatException} that says what
 * is wrong and where. It reads untrusted input: every length is bounded by the blob, every token
 * consumes at least four bytes and nesting is limited, so it neither loops forever nor throws
 * anything but {@code FormatException} on garbage.
 */
public final class Fdt {

    /** Deeper trees are rejected; libfdt's own limit is 32. */
    public static final int MAX_DEPTH = 64;

    /** A blob that is not a well-formed flattened devicetree. */
    public static final class FormatException extends Exception {
        private static final long serialVersionUID = 1L;

        public FormatException(String message) {
            super(message);
        }
    }

    /** An entry of the memory reservation block. */
    public record Reservation(long address, long size) {
    }

    /** A node: its properties in blob order and its children in blob order. */
    public static final class Node {
        private final String name;
        private final String path;
        private final Map<String, byte[]> properties = new LinkedHashMap<>();
        private final List<Node> children = new ArrayList<>();

        private Node(String name, String path) {
            this.name = name;
            this.path = path;
        }

        /** The name with its unit address, e.g. {@code serial@10000000}; "" for the root. */
        public String name() {
            return name;
        }

        /** The full path, e.g. {@code /soc/serial@10000000}; "/" for the root. */
        public String path() {
            return path;
        }

        public Map<String, byte[]> properties() {
            return Collections.unmodifiableMap(properties);
        }

        public List<Node> children() {
            return Collections.unmodifiableList(children);
        }

        public boolean has(String property) {
            return properties.containsKey(property);
        }

        /** The raw value (a copy). */
        public Optional<byte[]> property(String property) {
            byte[] v = properties.get(property);
            return v == null ? Optional.empty() : Optional.of(v.clone());
        }

        /**
         * The child with this exact name or, when {@code name} has no unit address, the only
         * child whose name without unit address is {@code name}.
         */
        public Optional<Node> child(String name) {
            Node match = null;
            int matches = 0;
            for (Node c : children) {
                if (c.name.equals(name)) {
                    return Optional.of(c);
                }
                if (name.indexOf('@') < 0 && c.name.startsWith(name + "@")) {
                    match = c;
                    matches++;
                }
            }
            return matches == 1 ? Optional.of(match) : Optional.empty();
        }

        /** A one-cell property. */
        public Optional<Integer> u32(String property) {
            byte[] v = properties.get(property);
            return v == null || v.length != 4 ? Optional.empty()
                    : Optional.of(ByteBuffer.wrap(v).getInt());
        }

        /** A two-cell property, high cell first. */
        public Optional<Long> u64(String property) {
            byte[] v = properties.get(property);
            return v == null || v.length != 8 ? Optional.empty()
                    : Optional.of(ByteBuffer.wrap(v).getLong());
        }

        /** A property read as cells; empty if absent or not a multiple of four bytes long. */
        public Optional<int[]> cells(String property) {
            byte[] v = properties.get(property);
            if (v == null || v.length % 4 != 0) {
                return Optional.empty();
            }
            int[] cells = new int[v.length / 4];
            ByteBuffer.wrap(v).asIntBuffer().get(cells);
            return Optional.of(cells);
        }

        /** The first string of a string property; empty if absent or not NUL-terminated. */
        public Optional<String> string(String property) {
            return strings(property).filter(l -> !l.isEmpty()).map(l -> l.get(0));
        }

        /** A string list; empty if absent or not a sequence of NUL-terminated strings. */
        public Optional<List<String>> strings(String property) {
            byte[] v = properties.get(property);
            if (v == null || v.length == 0 || v[v.length - 1] != 0) {
                return Optional.empty();
            }
            List<String> list = new ArrayList<>();
            int start = 0;
            for (int i = 0; i < v.length; i++) {
                if (v[i] == 0) {
                    list.add(new String(v, start, i - start, StandardCharsets.UTF_8));
                    start = i + 1;
                }
            }
            return Optional.of(list);
        }

        @Override
        public String toString() {
            return path;
        }
    }

    private final int version;
    private final int lastCompatibleVersion;
    private final int bootCpuId;
    private final int totalSize;
    private final List<Reservation> reservations;
    private final Node root;

    private Fdt(int version, int lastCompatibleVersion, int bootCpuId, int totalSize,
            List<Reservation> reservations, Node root) {
        this.version = version;
        this.lastCompatibleVersion = lastCompatibleVersion;
        this.bootCpuId = bootCpuId;
        this.totalSize = totalSize;
        this.reservations = reservations;
        this.root = root;
    }

    public int version() {
        return version;
    }

    public int lastCompatibleVersion() {
        return lastCompatibleVersion;
    }

    public int bootCpuId() {
        return bootCpuId;
    }

    public int totalSize() {
        return totalSize;
    }

    public List<Reservation> reservations() {
        return reservations;
    }

    public Node root() {
        return root;
    }

    /** The node at an absolute path such as {@code /soc/serial@10000000} or {@code /memory}. */
    public Optional<Node> node(String path) {
        if (!path.startsWith("/")) {
            return Optional.empty();
        }
        Node n = root;
        for (String part : path.substring(1).split("/")) {
            if (part.isEmpty()) {
                continue;
            }
            Optional<Node> c = n.child(part);
            if (c.isEmpty()) {
                return Optional.empty();
            }
            n = c.get();
        }
        return Optional.of(n);
    }

    /** The raw value of a property at a path, e.g. {@code property("/chosen", "bootargs")}. */
    public Optional<byte[]> property(String path, String name) {
        return node(path).flatMap(n -> n.property(name));
    }

    /** The first string of a string property at a path. */
    public Optional<String> string(String path, String name) {
        return node(path).flatMap(n -> n.string(name));
    }

    /** The node whose {@code phandle} property has this value. */
    public Optional<Node> byPhandle(int phandle) {
        Deque<Node> todo = new ArrayDeque<>();
        todo.push(root);
        while (!todo.isEmpty()) {
            Node n = todo.pop();
            if (n.u32("phandle").filter(p -> p == phandle).isPresent()) {
                return Optional.of(n);
            }
            n.children.forEach(todo::push);
        }
        return Optional.empty();
    }

    /** Parses and checks a blob. */
    public static Fdt parse(byte[] blob) throws FormatException {
        if (blob == null) {
            throw new FormatException("no devicetree blob");
        }
        if (blob.length < FdtBuilder.HEADER_SIZE) {
            throw new FormatException("blob of " + blob.length + " bytes is shorter than the "
                    + FdtBuilder.HEADER_SIZE + "-byte header");
        }
        ByteBuffer b = ByteBuffer.wrap(blob); // big-endian
        int magic = b.getInt(0);
        if (magic != FdtBuilder.MAGIC) {
            throw new FormatException(String.format("bad magic 0x%08x, expected 0x%08x", magic,
                    FdtBuilder.MAGIC));
        }
        long total = unsigned(b.getInt(4));
        long offStruct = unsigned(b.getInt(8));
        long offStrings = unsigned(b.getInt(12));
        long offRsvmap = unsigned(b.getInt(16));
        int version = b.getInt(20);
        int lastComp = b.getInt(24);
        int bootCpu = b.getInt(28);
        long sizeStrings = unsigned(b.getInt(32));
        long sizeStruct = unsigned(b.getInt(36));

        // The second bound keeps every offset computation below within int range.
        if (total < FdtBuilder.HEADER_SIZE || total > blob.length
                || total > Integer.MAX_VALUE - 16) {
            throw new FormatException("totalsize " + total + " does not fit the blob of "
                    + blob.length + " bytes");
        }
        if (version < 16 || lastComp > FdtBuilder.VERSION || lastComp > version) {
            throw new FormatException("unsupported version " + version
                    + " (last compatible " + lastComp + "); this reader reads 16 and 17");
        }
        if (version < 17) {
            // Version 16 has no size_dt_struct: the structure block may run to the end.
            sizeStruct = total - Math.min(offStruct, total);
        }
        checkBlock("memory reservation block", offRsvmap, 16, total, 8);
        checkBlock("structure block", offStruct, sizeStruct, total, 4);
        checkBlock("strings block", offStrings, sizeStrings, total, 1);

        List<Reservation> reservations = readReservations(b, (int) offRsvmap, (int) total);
        Node root = readStructure(b, (int) offStruct, (int) (offStruct + sizeStruct),
                (int) offStrings, (int) (offStrings + sizeStrings));
        return new Fdt(version, lastComp, bootCpu, (int) total,
                Collections.unmodifiableList(reservations), root);
    }

    private static void checkBlock(String what, long offset, long size, long total, int align)
            throws FormatException {
        if (offset % align != 0) {
            throw new FormatException(what + " at offset " + offset + " is not aligned to "
                    + align + " bytes");
        }
        if (offset < FdtBuilder.HEADER_SIZE || offset + size > total) {
            throw new FormatException(what + " (offset " + offset + ", " + size
                    + " bytes) lies outside the blob's " + total + " bytes");
        }
    }

    private static List<Reservation> readReservations(ByteBuffer b, int offset, int total)
            throws FormatException {
        List<Reservation> list = new ArrayList<>();
        for (int p = offset; ; p += 16) {
            if (p + 16 > total) {
                throw new FormatException("memory reservation block at offset " + offset
                        + " has no terminating entry");
            }
            long address = b.getLong(p);
            long size = b.getLong(p + 8);
            if (address == 0 && size == 0) {
                return list;
            }
            list.add(new Reservation(address, size));
        }
    }

    private static Node readStructure(ByteBuffer b, int start, int end, int stringsStart,
            int stringsEnd) throws FormatException {
        Deque<Node> open = new ArrayDeque<>();
        Node root = null;
        int p = start;
        while (true) {
            if (p + 4 > end) {
                throw new FormatException("structure block ends at offset " + end
                        + " without FDT_END");
            }
            int token = b.getInt(p);
            int at = p;
            p += 4;
            switch (token) {
                case FdtBuilder.FDT_BEGIN_NODE -> {
                    int nul = findNul(b, p, end);
                    if (nul < 0) {
                        throw new FormatException("node name at offset " + p
                                + " is not terminated inside the structure block");
                    }
                    String name = ascii(b, p, nul);
                    p = align4(nul + 1);
                    if (root != null && open.isEmpty()) {
                        throw new FormatException("second top-level node '" + name
                                + "' at offset " + at);
                    }
                    if (open.size() >= MAX_DEPTH) {
                        throw new FormatException("nodes nested deeper than " + MAX_DEPTH
                                + " at offset " + at);
                    }
                    Node node;
                    if (open.isEmpty()) {
                        if (!name.isEmpty()) {
                            throw new FormatException("root node has the name '" + name
                                    + "'; it must be empty");
                        }
                        node = root = new Node("", "/");
                    } else {
                        if (name.isEmpty()) {
                            throw new FormatException("node without a name at offset " + at);
                        }
                        Node parent = open.peek();
                        node = new Node(name, (parent == root ? "" : parent.path) + "/" + name);
                        parent.children.add(node);
                    }
                    open.push(node);
                }
                case FdtBuilder.FDT_END_NODE -> {
                    if (open.isEmpty()) {
                        throw new FormatException("FDT_END_NODE without an open node at offset "
                                + at);
                    }
                    open.pop();
                }
                case FdtBuilder.FDT_PROP -> {
                    if (open.isEmpty()) {
                        throw new FormatException("property outside any node at offset " + at);
                    }
                    if (p + 8 > end) {
                        throw new FormatException("property header at offset " + at
                                + " runs past the structure block");
                    }
                    long len = unsigned(b.getInt(p));
                    long nameOff = unsigned(b.getInt(p + 4));
                    p += 8;
                    if (len > end - p) {
                        throw new FormatException("property value of " + len + " bytes at offset "
                                + p + " runs past the structure block");
                    }
                    if (nameOff >= stringsEnd - stringsStart) {
                        throw new FormatException("property name offset " + nameOff
                                + " at offset " + at + " lies outside the strings block");
                    }
                    int nameStart = stringsStart + (int) nameOff;
                    int nul = findNul(b, nameStart, stringsEnd);
                    if (nul < 0) {
                        throw new FormatException("property name at strings offset " + nameOff
                                + " is not terminated inside the strings block");
                    }
                    String name = ascii(b, nameStart, nul);
                    if (name.isEmpty()) {
                        throw new FormatException("property with an empty name at offset " + at);
                    }
                    byte[] value = new byte[(int) len];
                    b.get(p, value);
                    Node node = open.peek();
                    if (node.properties.putIfAbsent(name, value) != null) {
                        throw new FormatException("property '" + name + "' appears twice in "
                                + node.path);
                    }
                    p = align4(p + (int) len);
                }
                case FdtBuilder.FDT_NOP -> {
                }
                case FdtBuilder.FDT_END -> {
                    if (root == null) {
                        throw new FormatException("FDT_END before any node");
                    }
                    if (!open.isEmpty()) {
                        throw new FormatException("FDT_END at offset " + at + " while node "
                                + open.peek().path + " is still open");
                    }
                    return root;
                }
                default -> throw new FormatException(String.format(
                        "unknown token 0x%08x at offset %d", token, at));
            }
        }
    }

    private static int findNul(ByteBuffer b, int from, int end) {
        for (int i = from; i < end; i++) {
            if (b.get(i) == 0) {
                return i;
            }
        }
        return -1;
    }

    /** Names are printable ASCII by the specification; anything else is shown escaped. */
    private static String ascii(ByteBuffer b, int from, int to) {
        StringBuilder sb = new StringBuilder(to - from);
        for (int i = from; i < to; i++) {
            int c = b.get(i) & 0xff;
            if (c >= 0x20 && c < 0x7f) {
                sb.append((char) c);
            } else {
                sb.append(String.format("\\x%02x", c));
            }
        }
        return sb.toString();
    }

    private static int align4(int p) {
        return (p + 3) & ~3;
    }

    private static long unsigned(int v) {
        return v & 0xffff_ffffL;
    }
}
