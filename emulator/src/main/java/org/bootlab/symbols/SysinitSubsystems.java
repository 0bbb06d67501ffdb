package org.bootlab.symbols;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalLong;

/**
 * FreeBSD's {@code enum sysinit_sub_id} (FreeBSD 14/15 values, as the guest kernel's
 * sys/kernel.h declares them): the one place BootLab names SYSINIT subsystems.
 */
public final class SysinitSubsystems {

    private static final Map<String, Long> BY_NAME;
    private static final Map<Long, String> BY_VALUE;

    static {
        Object[] table = {
            "SI_SUB_DUMMY", 0x0000000L, "SI_SUB_DONE", 0x0000001L,
            "SI_SUB_TUNABLES", 0x0700000L, "SI_SUB_COPYRIGHT", 0x0800001L,
            "SI_SUB_VM", 0x1000000L, "SI_SUB_COUNTER", 0x1100000L,
            "SI_SUB_KMEM", 0x1800000L, "SI_SUB_HYPERVISOR", 0x1A40000L,
            "SI_SUB_WITNESS", 0x1A80000L, "SI_SUB_MTX_POOL_DYNAMIC", 0x1AC0000L,
            "SI_SUB_LOCK", 0x1B00000L, "SI_SUB_EVENTHANDLER", 0x1C00000L,
            "SI_SUB_VNET_PRELINK", 0x1E00000L, "SI_SUB_KLD", 0x2000000L,
            "SI_SUB_KHELP", 0x2080000L, "SI_SUB_CPU", 0x2100000L,
            "SI_SUB_RACCT", 0x2110000L, "SI_SUB_KDTRACE", 0x2140000L,
            "SI_SUB_RANDOM", 0x2160000L, "SI_SUB_MAC", 0x2180000L,
            "SI_SUB_MAC_POLICY", 0x21C0000L, "SI_SUB_MAC_LATE", 0x21D0000L,
            "SI_SUB_VNET", 0x21E0000L, "SI_SUB_INTRINSIC", 0x2200000L,
            "SI_SUB_VM_CONF", 0x2300000L, "SI_SUB_DDB_SERVICES", 0x2380000L,
            "SI_SUB_RUN_QUEUE", 0x2400000L, "SI_SUB_KTRACE", 0x2480000L,
            "SI_SUB_OPENSOLARIS", 0x2490000L, "SI_SUB_AUDIT", 0x24C0000L,
            "SI_SUB_CREATE_INIT", 0x2500000L, "SI_SUB_SCHED_IDLE", 0x2600000L,
            "SI_SUB_MBUF", 0x2700000L, "SI_SUB_INTR", 0x2800000L,
            "SI_SUB_TASKQ", 0x2880000L, "SI_SUB_EPOCH", 0x2888000L,
            "SI_SUB_SOFTINTR", 0x2A00000L, "SI_SUB_DEVFS", 0x2F00000L,
            "SI_SUB_INIT_IF", 0x3000000L, "SI_SUB_NETGRAPH", 0x3010000L,
            "SI_SUB_DTRACE", 0x3020000L, "SI_SUB_DTRACE_PROVIDER", 0x3048000L,
            "SI_SUB_DTRACE_ANON", 0x308C000L, "SI_SUB_DRIVERS", 0x3100000L,
            "SI_SUB_CONFIGURE", 0x3800000L, "SI_SUB_VFS", 0x4000000L,
            "SI_SUB_CLOCKS", 0x4800000L, "SI_SUB_SYSV_SHM", 0x6400000L,
            "SI_SUB_SYSV_SEM", 0x6800000L, "SI_SUB_SYSV_MSG", 0x6C00000L,
            "SI_SUB_P1003_1B", 0x6E00000L, "SI_SUB_PSEUDO", 0x7000000L,
            "SI_SUB_EXEC", 0x7400000L, "SI_SUB_PROTO_BEGIN", 0x8000000L,
            "SI_SUB_PROTO_PFIL", 0x8100000L, "SI_SUB_PROTO_IF", 0x8400000L,
            "SI_SUB_PROTO_DOMAININIT", 0x8600000L, "SI_SUB_PROTO_MC", 0x8700000L,
            "SI_SUB_PROTO_DOMAIN", 0x8800000L, "SI_SUB_PROTO_FIREWALL", 0x8806000L,
            "SI_SUB_PROTO_IFATTACHDOMAIN", 0x8808000L, "SI_SUB_PROTO_END", 0x8ffffffL,
            "SI_SUB_KPROF", 0x9000000L, "SI_SUB_KICK_SCHEDULER", 0xa000000L,
            "SI_SUB_INT_CONFIG_HOOKS", 0xa800000L, "SI_SUB_ROOT_CONF", 0xb000000L,
            "SI_SUB_INTRINSIC_POST", 0xd000000L, "SI_SUB_SYSCALLS", 0xd800000L,
            "SI_SUB_VNET_DONE", 0xdc00000L, "SI_SUB_KTHREAD_INIT", 0xe000000L,
            "SI_SUB_KTHREAD_PAGE", 0xe400000L, "SI_SUB_KTHREAD_VM", 0xe800000L,
            "SI_SUB_KTHREAD_BUF", 0xea00000L, "SI_SUB_KTHREAD_UPDATE", 0xec00000L,
            "SI_SUB_KTHREAD_IDLE", 0xee00000L, "SI_SUB_SMP", 0xf000000L,
            "SI_SUB_RACCTD", 0xf100000L, "SI_SUB_LAST", 0xfffffffL,
        };
        Map<String, Long> byName = new LinkedHashMap<>();
        Map<Long, String> byValue = new LinkedHashMap<>();
        for (int i = 0; i < table.length; i += 2) {
            byName.put((String) table[i], (Long) table[i + 1]);
            byValue.put((Long) table[i + 1], (String) table[i]);
        }
        BY_NAME = Collections.unmodifiableMap(byName);
        BY_VALUE = Collections.unmodifiableMap(byValue);
    }

    private SysinitSubsystems() {
    }

    /** The SI_SUB_* name of a value, or the value in hex ("0x3100001") when it has none. */
    public static String name(long subsystem) {
        String name = BY_VALUE.get(subsystem);
        return name != null ? name : "0x" + Long.toHexString(subsystem);
    }

    /** The value of an SI_SUB_* name. */
    public static OptionalLong value(String name) {
        Long v = BY_NAME.get(name);
        return v == null ? OptionalLong.empty() : OptionalLong.of(v);
    }

    /** Every name, in increasing value order. */
    public static Map<String, Long> all() {
        return BY_NAME;
    }
}
