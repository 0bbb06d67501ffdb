package org.bootlab.debug.gdb;

import java.util.List;
import java.util.Locale;

import org.bootlab.debug.Debugger.StopEvent;
import org.bootlab.debug.StopReason;
import org.bootlab.machine.virtio.VirtioDeviceState;
import org.bootlab.symbols.Symbol;
import org.bootlab.symbols.SymbolTable;
import org.bootlab.symbols.SysinitEntry;

/**
 * gdb's {@code monitor} commands (qRcmd): BootLab's own views and commands that gdb has no
 * words for. Output goes to gdb's console. Commands that move the machine leave gdb's register
 * cache stale (the protocol has no way to say so): their output says where the machine now
 * stands, and {@code maintenance flush register-cache} makes gdb re-read it.
 */
final class MonitorCommands {

    /** What the monitor knows of the guest: its symbols and its SYSINIT table (may be empty). */
    record Guest(SymbolTable symbols, List<SysinitEntry> sysinits) {

        public Guest {
            symbols = symbols == null ? SymbolTable.EMPTY : symbols;
            sysinits = List.copyOf(sysinits);
        }
    }

    private static final String HELP = """
            BootLab monitor commands:
              monitor sysinits [WORD]  the SYSINIT table in run order (only lines containing WORD)
              monitor sysinit next     run to the next SYSINIT function mi_startup() calls
              monitor reset            go back to the machine's first instruction (reverse execution)
              monitor info virtio      the virtio devices: status, features, queues
              monitor help             this list
            After a command that moves the machine, 'maintenance flush register-cache' makes gdb
            re-read the registers.
            """;

    private final GdbSession session;
    private final Guest guest;

    MonitorCommands(GdbSession session, Guest guest) {
        this.session = session;
        this.guest = guest;
    }

    void run(String line) {
        String[] words = line.trim().split("\\s+");
        String command = String.join(" ", words);
        if (command.equals("sysinit next")) {
            sysinitNext();
        } else if (words[0].equals("sysinits") && words.length <= 2) {
            sysinits(words.length == 2 ? words[1] : null);
        } else if (command.equals("reset")) {
            reset();
        } else if (command.equals("info virtio")) {
            session.sendConsole(virtio(session.call(rc -> rc.machine().virtio().inspect())));
        } else if (command.equals("help") || command.isEmpty()) {
            session.sendConsole(HELP);
        } else {
            session.sendConsole("unknown monitor command '" + line.trim() + "'\n" + HELP);
        }
    }

    private void sysinits(String word) {
        if (guest.sysinits().isEmpty()) {
            session.sendConsole("this guest has no SYSINIT table (no set_sysinit_set section)\n");
            return;
        }
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "%5s  %-28s %-10s %-18s %-32s %s%n", "index", "subsystem", "order",
                "address", "function", "name"));
        int shown = 0;
        for (SysinitEntry e : guest.sysinits()) {
            String row = String.format(Locale.ROOT, "%5d  %-28s 0x%07x  0x%016x %-32s %s%n", e.index(),
                    e.subsystemName(), e.order(), e.function(), e.functionName(), e.name());
            if (word == null || row.contains(word)) {
                sb.append(row);
                shown++;
            }
        }
        sb.append(shown).append(" of ").append(guest.sysinits().size()).append(" SYSINITs\n");
        session.sendConsole(sb.toString());
    }

    private void sysinitNext() {
        if (guest.sysinits().isEmpty()) {
            session.sendConsole("this guest has no SYSINIT table (no set_sysinit_set section)\n");
            return;
        }
        StopEvent stop = session.runToStop(session.debugger().stepSysinit());
        StopReason r = stop.reason();
        if (r.kind() == StopReason.Kind.SYSINIT) {
            SysinitEntry e = r.sysinit();
            session.sendConsole(String.format(Locale.ROOT, "SYSINIT #%d %s (%s, order 0x%x): %s(0x%x)%n",
                    e.index(), e.name(), e.subsystemName(), e.order(), e.functionName(), e.udata()));
        }
        reportPosition(r);
    }

    private void reset() {
        long start = session.call(rc -> rc.historyStart());
        StopEvent stop = session.runToStop(session.debugger().seek(start));
        reportPosition(stop.reason());
    }

    private void reportPosition(StopReason r) {
        String where = guest.symbols().containing(r.pc()).map(s -> " <" + offset(s, r.pc()) + ">").orElse("");
        session.sendConsole(String.format(Locale.ROOT, "stopped: %s%n pc=0x%x%s%n", r.describe(), r.pc(), where));
    }

    private static String offset(Symbol s, long pc) {
        return pc == s.address() ? s.name() : s.name() + "+" + (pc - s.address());
    }

    static String virtio(List<VirtioDeviceState> devices) {
        if (devices.isEmpty()) {
            return "no virtio devices\n";
        }
        StringBuilder sb = new StringBuilder();
        for (VirtioDeviceState d : devices) {
            sb.append(String.format(Locale.ROOT, "slot %d at 0x%x irq %d: %s (device id %d)%n", d.slot(), d.base(),
                    d.irq(), d.name(), d.deviceId()));
            sb.append(String.format(Locale.ROOT, "  status 0x%x %s%s%n", d.status(), d.statusBits(),
                    d.needsResetReason() == null ? "" : " needs reset: " + d.needsResetReason()));
            sb.append(String.format(Locale.ROOT, "  features offered 0x%x, driver 0x%x%s%n", d.deviceFeatures(),
                    d.driverFeatures(), d.featuresOk() ? " (FEATURES_OK)" : ""));
            for (VirtioDeviceState.Feature f : d.features()) {
                if (f.requested()) {
                    sb.append("    ").append(f.name()).append('\n');
                }
            }
            for (VirtioDeviceState.ConfigField c : d.config()) {
                sb.append(String.format(Locale.ROOT, "  config %s = %s%n", c.name(), c.text()));
            }
            for (VirtioDeviceState.Queue q : d.queues()) {
                sb.append(String.format(Locale.ROOT,
                        "  queue %d %s: size %d/%d%s, avail idx %d, used idx %d, device at %d, %d chain(s)%n",
                        q.index(), q.name(), q.size(), q.maxSize(), q.ready() ? " ready" : " not ready",
                        q.availIdx(), q.usedIdx(), q.lastAvailIdx(), q.chains().size()));
            }
        }
        return sb.toString();
    }
}
