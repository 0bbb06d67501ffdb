package org.bootlab.debug.gdb;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.bootlab.debug.Debugger;
import org.bootlab.debug.RunControl;
import org.bootlab.machine.Machine;
import org.bootlab.machine.MachineConfig;
import org.bootlab.machine.loader.ImageException;
import org.bootlab.machine.virtio.VirtioConfig;
import org.bootlab.symbols.ElfFile;
import org.bootlab.symbols.ElfSymbolTable;
import org.bootlab.symbols.SysinitEntry;
import org.bootlab.symbols.SysinitTable;
import org.bootlab.testing.TestElf;
import org.bootlab.testing.Tools;

/**
 * The guest kernel booted in-process with its disk and entropy devices, paused before its first
 * instruction, with the gdb stub on an ephemeral loopback port.
 */
final class GuestBoot implements AutoCloseable {

    static Path elf() {
        return Tools.repoRoot().resolve("guest-kernel/prebuilt/kernel.elf");
    }

    final ElfSymbolTable symbols;
    final List<SysinitEntry> sysinits;
    final Debugger debugger;
    final GdbServer server;
    final AtomicInteger kills = new AtomicInteger();
    private final ByteArrayOutputStream logBytes = new ByteArrayOutputStream();

    GuestBoot() throws IOException, ImageException {
        ElfFile file = ElfFile.read(elf());
        symbols = ElfSymbolTable.of(file);
        sysinits = SysinitTable.read(file, symbols);
        Path disk = Tools.repoRoot().resolve("guest-kernel/prebuilt/disk.img");
        VirtioConfig devices = new VirtioConfig(List.of(new VirtioConfig.Disk(disk, false, VirtioConfig.defaultSerial(0))),
                null, VirtioConfig.Entropy.seeded());
        Machine machine = new Machine(new MachineConfig(MachineConfig.DEFAULT_MEM_MIB, "", null,
                TestElf.read(elf()), devices));
        RunControl rc = new RunControl(machine);
        rc.setSymbols(symbols);
        rc.setSysinits(sysinits);
        debugger = new Debugger(rc);
        server = new GdbServer(debugger, symbols, sysinits,
                new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
                new PrintStream(logBytes, true, StandardCharsets.UTF_8), kills::incrementAndGet);
    }

    long address(String symbol) {
        return symbols.byName(symbol).orElseThrow().address();
    }

    String log() {
        return logBytes.toString(StandardCharsets.UTF_8);
    }

    @Override
    public void close() throws InterruptedException {
        server.close();
        debugger.close();
    }
}
