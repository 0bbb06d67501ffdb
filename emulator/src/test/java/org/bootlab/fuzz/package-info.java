/**
 * Coverage-guided fuzz targets (Jazzer {@code @FuzzTest}s), one class per input BootLab parses
 * or executes: {@link org.bootlab.fuzz.HartFuzzTest} (the hart and the disassembler),
 * {@link org.bootlab.fuzz.ElfLoaderFuzzTest}, {@link org.bootlab.fuzz.ElfFileFuzzTest} (symbols,
 * DWARF lines), {@link org.bootlab.fuzz.FdtFuzzTest}, {@link org.bootlab.fuzz.TraceFuzzTest} (every
 * trace reader) and {@link org.bootlab.fuzz.VirtqueueFuzzTest}. The gdb stub's packet parser gets
 * its target here too, as {@code GdbPacketFuzzTest}. Each replays its corpus under
 * {@code src/test/resources/org/bootlab/fuzz/<Class>Inputs/<method>/} in every build; how to fuzz
 * for longer: docs/fuzzing.md.
 */
package org.bootlab.fuzz;
