/**
 * Coverage-guided fuzz targets (Jazzer {@code @FuzzTest}s), one class per input BootLab parses
 * or executes: {@link org.bootlab.fuzz.HartFuzzTest} (the hart and the disassembler),
 * {@link org.bootlab.fuzz.ElfLoaderFuzzTest}, {@link org.bootlab.fuzz.ElfFileFuzzTest} (symbols,
 * DWARF lines), {@link org.bootlab.fuzz.FdtFuzzTest}, {@link org.bootlab.fuzz.TraceFuzzTest} (every
 * trace reader), {@link org.bootlab.fuzz.VirtqueueFuzzTest} and
 * {@link org.bootlab.fuzz.GdbPacketFuzzTest} (the gdb stub). Each replays its corpus under
 * {@code src/test/resources/org/bootlab/fuzz/<Class>Inputs/<method>/} in every build; how to fuzz
 * for longer: docs/fuzzing.md.
 */
package org.bootlab.fuzz;
