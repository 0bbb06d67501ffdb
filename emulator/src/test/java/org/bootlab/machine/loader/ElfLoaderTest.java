package org.bootlab.machine.loader;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.bootlab.testing.Tools;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.bootlab.machine.loader.TestElf.Seg;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ElfLoaderTest {

    private static final byte[] CODE = {0x13, 0x05, 0x10, 0x00, 0x6f, 0x00, 0x00, 0x00}; // li a0,1; j .

    @TempDir
    Path dir;

    private byte[] goodElf() {
        return TestElf.executable(0x8000_0000L,
                new Seg(0x8000_0000L, 0x8000_0000L, CODE, CODE.length),
                new Seg(0x8000_1000L, 0x8000_1000L, new byte[] {1, 2, 3, 4}, 0x100));
    }

    private Path write(String name, byte[] bytes) throws IOException {
        Path file = dir.resolve(name);
        Files.write(file, bytes);
        return file;
    }

    /** Loads the bytes from a file called {@code name} and returns the error message. */
    private String failure(String name, byte[] bytes) throws IOException {
        Path file = write(name, bytes);
        ImageException e = assertThrows(ImageException.class, () -> ElfLoader.load(file));
        assertTrue(e.getMessage().startsWith(file.toString() + ": "), e.getMessage());
        return e.getMessage();
    }

    private static void assertMentions(String message, String... parts) {
        for (String part : parts) {
            assertTrue(message.contains(part), "expected '" + part + "' in: " + message);
        }
    }

    @Test
    void loadsSegmentsByPhysicalAddressWithTheEntryPoint() throws Exception {
        BootImage image = ElfLoader.load(write("good.elf", goodElf()));
        assertEquals(0x8000_0000L, image.entry());
        assertEquals(2, image.segments().size());
        BootImage.Segment text = image.segments().get(0);
        assertEquals(0x8000_0000L, text.paddr());
        assertArrayEquals(CODE, text.data());
        BootImage.Segment bss = image.segments().get(1);
        assertEquals(0x8000_1000L, bss.paddr());
        assertEquals(4, bss.data().length);
        assertEquals(0x100, bss.memSize());
        assertTrue(image.origin().endsWith("good.elf"));
    }

    @Test
    void entersAtThePhysicalAddressWhenLinkedAtAVirtualOne() throws Exception {
        byte[] elf = TestElf.executable(0xffff_ffff_8000_0004L,
                new Seg(0xffff_ffff_8000_0000L, 0x8020_0000L, CODE, CODE.length));
        BootImage image = ElfLoader.parse("vmlinux", elf);
        assertEquals(0x8020_0004L, image.entry());
        assertEquals(0x8020_0000L, image.segments().get(0).paddr());
    }

    @Test
    void acceptsAPositionIndependentExecutableAtItsLinkedAddress() throws Exception {
        byte[] elf = goodElf();
        TestElf.putShort(elf, TestElf.E_TYPE, 3);
        assertEquals(0x8000_0000L, ElfLoader.parse("pie", elf).entry());
    }

    @Test
    void skipsEmptyAndNonLoadSegments() throws Exception {
        byte[] elf = TestElf.executable(0x8000_0000L,
                new Seg(0x8000_0000L, 0x8000_0000L, CODE, CODE.length),
                new Seg(0x9000_0000L, 0x9000_0000L, new byte[0], 0));
        TestElf.putShort(elf, TestElf.PHDRS + TestElf.PHDR_SIZE, 4); // second one: PT_NOTE
        assertEquals(1, ElfLoader.parse("x", elf).segments().size());
    }

    @Test
    void missingFile() {
        Path file = dir.resolve("nowhere.elf");
        ImageException e = assertThrows(ImageException.class, () -> ElfLoader.load(file));
        assertEquals(file + ": no such file", e.getMessage());
    }

    @Test
    void directory() {
        ImageException e = assertThrows(ImageException.class, () -> ElfLoader.load(dir));
        assertMentions(e.getMessage(), dir.toString(), "is a directory");
    }

    @Test
    void unreadableFile() throws Exception {
        Path file = write("secret.elf", goodElf());
        assertTrue(file.toFile().setReadable(false));
        org.junit.jupiter.api.Assumptions.assumeFalse(Files.isReadable(file), "running as root: can read anything");
        ImageException e = assertThrows(ImageException.class, () -> ElfLoader.load(file));
        assertMentions(e.getMessage(), "secret.elf", "permission denied");
    }

    @Test
    void notAnElf() throws Exception {
        assertMentions(failure("u-boot.bin", "#!/bin/sh\necho hi\n".getBytes()), "u-boot.bin", "not an ELF");
        assertMentions(failure("tiny", new byte[] {0x7f, 'E'}), "tiny", "not an ELF");
        assertMentions(failure("empty", new byte[0]), "empty", "not an ELF");
    }

    @Test
    void thirtyTwoBitElf() throws Exception {
        byte[] elf = goodElf();
        elf[TestElf.E_IDENT_CLASS] = 1;
        assertMentions(failure("rv32.elf", elf), "rv32.elf", "is a 32-bit ELF; BootLab runs RV64");
    }

    @Test
    void unknownClass() throws Exception {
        byte[] elf = goodElf();
        elf[TestElf.E_IDENT_CLASS] = 7;
        assertMentions(failure("odd.elf", elf), "odd.elf", "unknown ELF class 7");
    }

    @Test
    void bigEndian() throws Exception {
        byte[] elf = goodElf();
        elf[TestElf.E_IDENT_DATA] = 2;
        assertMentions(failure("be.elf", elf), "be.elf", "big-endian");
    }

    @Test
    void wrongMachine() throws Exception {
        byte[] elf = goodElf();
        TestElf.putShort(elf, TestElf.E_MACHINE, 62);
        assertMentions(failure("bzImage.elf", elf), "bzImage.elf", "not a RISC-V ELF (machine 62 = x86-64)");
        TestElf.putShort(elf, TestElf.E_MACHINE, 999);
        assertMentions(failure("mystery.elf", elf), "not a RISC-V ELF (machine 999)");
    }

    @Test
    void relocatableObjectAndCoreDump() throws Exception {
        byte[] elf = goodElf();
        TestElf.putShort(elf, TestElf.E_TYPE, 1);
        assertMentions(failure("start.o", elf), "start.o", "relocatable object");
        TestElf.putShort(elf, TestElf.E_TYPE, 4);
        assertMentions(failure("core", elf), "core dump");
    }

    @Test
    void truncatedHeader() throws Exception {
        assertMentions(failure("short.elf", Arrays.copyOf(goodElf(), 40)), "short.elf", "truncated ELF header");
    }

    @Test
    void truncatedProgramHeaders() throws Exception {
        assertMentions(failure("cut.elf", Arrays.copyOf(goodElf(), 100)), "cut.elf", "truncated", "program headers");
    }

    @Test
    void truncatedSegmentData() throws Exception {
        byte[] elf = goodElf();
        assertMentions(failure("cut.elf", Arrays.copyOf(elf, elf.length - 2)), "cut.elf", "truncated: segment 1");
    }

    @Test
    void fileSizeLargerThanMemorySize() throws Exception {
        byte[] elf = goodElf();
        TestElf.putLong(elf, TestElf.PHDRS + TestElf.P_MEMSZ, 2);
        assertMentions(failure("bad.elf", elf), "bad.elf", "segment 0 has filesz 0x8 larger than memsz 0x2");
    }

    @Test
    void overflowingOffsets() throws Exception {
        byte[] elf = goodElf();
        TestElf.putLong(elf, TestElf.E_PHOFF, 0xffff_ffff_ffff_fff0L);
        assertMentions(failure("phoff.elf", elf), "phoff.elf", "program headers at offset 0xfffffffffffffff0");

        elf = goodElf();
        TestElf.putLong(elf, TestElf.PHDRS + TestElf.P_OFFSET, 0x7fff_ffff_ffff_fffcL);
        assertMentions(failure("offset.elf", elf), "offset.elf", "truncated: segment 0");

        elf = goodElf();
        TestElf.putLong(elf, TestElf.PHDRS + TestElf.P_OFFSET, -1L);
        assertMentions(failure("negative.elf", elf), "negative.elf", "truncated: segment 0");

        elf = goodElf();
        TestElf.putLong(elf, TestElf.PHDRS + TestElf.P_PADDR, 0xffff_ffff_ffff_fffcL);
        assertMentions(failure("wrap.elf", elf), "wrap.elf", "wraps past the end of the address space");
    }

    @Test
    void oddProgramHeaderSize() throws Exception {
        byte[] elf = goodElf();
        TestElf.putShort(elf, TestElf.E_PHENTSIZE, 32);
        assertMentions(failure("phent.elf", elf), "phent.elf", "program header entries are 32 bytes");
    }

    @Test
    void noLoadableSegment() throws Exception {
        byte[] elf = goodElf();
        TestElf.putShort(elf, TestElf.E_PHNUM, 0);
        assertMentions(failure("nothing.elf", elf), "nothing.elf", "no program headers");

        elf = TestElf.executable(0x8000_0000L, new Seg(0x8000_0000L, 0x8000_0000L, new byte[0], 0));
        assertMentions(failure("empty.elf", elf), "empty.elf", "no loadable segment");
    }

    @Test
    void entryOutsideEverySegment() throws Exception {
        byte[] elf = goodElf();
        TestElf.putLong(elf, TestElf.E_ENTRY, 0x1234);
        assertMentions(failure("entry.elf", elf), "entry.elf", "entry point 0x1234 is not inside any loadable segment");
    }

    /** Every prefix and many single-byte corruptions of a good file: an ImageException or a load, nothing else. */
    @Test
    void garbageNeverEscapesAsAnUncheckedException() {
        byte[] good = goodElf();
        for (int length = 0; length <= good.length; length++) {
            assertOnlyImageExceptions(Arrays.copyOf(good, length));
        }
        java.util.Random random = new java.util.Random(42);
        for (int i = 0; i < 20_000; i++) {
            byte[] bad = good.clone();
            for (int n = 1 + random.nextInt(4); n > 0; n--) {
                bad[random.nextInt(TestElf.PHDRS + 2 * TestElf.PHDR_SIZE)] = (byte) random.nextInt();
            }
            assertOnlyImageExceptions(bad);
        }
    }

    private static void assertOnlyImageExceptions(byte[] bytes) {
        try {
            ElfLoader.parse("fuzz", bytes);
        } catch (ImageException e) {
            assertTrue(e.getMessage().startsWith("fuzz: "), e.getMessage());
        }
    }

    @Test
    void loadsARealLinkedExecutable() throws Exception {
        Path gcc = Tools.require("riscv64-unknown-elf-gcc");
        Path source = Files.writeString(dir.resolve("start.S"),
                ".globl _start\n_start:\n  li a0, 42\n1: j 1b\n.data\nvalue: .dword 0x1122334455667788\n");
        Path script = Files.writeString(dir.resolve("link.ld"),
                "ENTRY(_start)\nSECTIONS {\n . = 0x80000000;\n .text : { *(.text*) }\n .data : { *(.data*) }\n}\n");
        Path elf = dir.resolve("start.elf");
        Process p = new ProcessBuilder(gcc.toString(), "-march=rv64gc", "-mabi=lp64d", "-nostdlib",
                "-T", script.toString(), "-o", elf.toString(), source.toString())
                .redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), output);

        BootImage image = ElfLoader.load(elf);
        assertEquals(0x8000_0000L, image.entry());
        List<BootImage.Segment> segments = image.segments();
        BootImage.Segment text = segments.stream().filter(s -> s.paddr() == 0x8000_0000L).findFirst().orElseThrow();
        assertArrayEquals(new byte[] {0x13, 0x05, (byte) 0xa0, 0x02}, Arrays.copyOf(text.data(), 4)); // li a0, 42
        assertTrue(segments.stream().anyMatch(s -> containsDword(s.data(), 0x1122334455667788L)),
                "the .data doubleword is in some segment");
    }

    private static boolean containsDword(byte[] data, long value) {
        java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(data).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i + 8 <= data.length; i++) {
            if (b.getLong(i) == value) {
                return true;
            }
        }
        return false;
    }
}
