package org.bootlab.symbols;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.bootlab.testing.Tools;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Disassembles every executable section of real binaries and compares each instruction with
 * {@code riscv64-unknown-elf-objdump -d}, in both output forms: the guest kernel, Debian's OpenSBI
 * and Debian's U-Boot. objdump's {@code <symbol+off>} labels are left out (that is symbol lookup,
 * not disassembly); addresses, raw bytes, mnemonics, operands and {@code #} comments must match
 * (objdump shows at most 8 raw bytes on an instruction's line and wraps the rest).
 */
class DisassemblerElfComparisonTest {

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {
        "guest-kernel/prebuilt/kernel.elf",
        "/usr/lib/riscv64-linux-gnu/opensbi/generic/fw_jump.elf",
        "/usr/lib/u-boot/qemu-riscv64_smode/uboot.elf"})
    void matchesObjdumpInstructionByInstruction(String file) throws Exception {
        Path objdump = Tools.require("riscv64-unknown-elf-objdump");
        Path elfPath = file.startsWith("/") ? Tools.requireFile(file, file.contains("opensbi") ? "opensbi" : "u-boot-qemu")
                : Tools.repoRoot().resolve(file);
        ElfFile elf = ElfFile.read(elfPath);
        for (boolean aliases : new boolean[] {true, false}) {
            List<String> args = aliases ? List.of("-d", elfPath.toString())
                    : List.of("-d", "-M", "no-aliases", elfPath.toString());
            Map<Long, ObjdumpListing.Line> expected = ObjdumpListing.run(objdump, args, dir);
            Disassembler d = Disassembler.of(elf, aliases, Long::toHexString);
            List<String> mismatches = new ArrayList<>();
            int compared = 0;
            for (ElfSection s : elf.sections()) {
                if (!s.isExecutable() || !s.hasFileData()) {
                    continue;
                }
                byte[] code = elf.data(s);
                for (int at = 0; at < code.length; ) {
                    Instruction insn = d.next(code, at, s.address() + at);
                    ObjdumpListing.Line line = expected.remove(insn.address());
                    if (line != null) {
                        compared++;
                        if (!line.text().equals(insn.text()) || !insn.hex().startsWith(line.hex())) {
                            mismatches.add(Long.toHexString(insn.address()) + " " + insn.hex() + ": objdump '"
                                    + line.text() + "', we '" + insn.text() + "'");
                        }
                    }
                    at += insn.length();
                }
            }
            System.out.printf("%s (%s): %d instructions compared, %d differ%n", file,
                    aliases ? "default" : "no-aliases", compared, mismatches.size());
            assertTrue(expected.isEmpty(), "objdump lines at addresses we never reached: "
                    + expected.keySet().stream().limit(10).map(Long::toHexString).toList());
            assertTrue(compared > 1000, "compared only " + compared);
            assertEquals(List.of(), mismatches.subList(0, Math.min(40, mismatches.size())),
                    mismatches.size() + " of " + compared + " differ");
        }
    }
}
