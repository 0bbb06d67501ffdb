package org.bootlab.cpu;

import java.util.List;

/**
 * Several observers behind the hart's one listener slot: the hart tests a single field for
 * null on its paths, and a tracer and a debugger can still watch at the same time.
 */
final class ListenerFanOut {

    private ListenerFanOut() {
    }

    static HartListener hartListeners(List<HartListener> all) {
        if (all.isEmpty()) {
            return null;
        }
        if (all.size() == 1) {
            return all.get(0);
        }
        HartListener[] each = all.toArray(new HartListener[0]);
        return new HartListener() {
            @Override
            public boolean observesInstructions() {
                for (HartListener l : each) {
                    if (l.observesInstructions()) {
                        return true;
                    }
                }
                return false;
            }

            @Override
            public void beforeInstruction(Hart hart, long pc) {
                for (HartListener l : each) {
                    if (l.observesInstructions()) {
                        l.beforeInstruction(hart, pc);
                    }
                }
            }

            @Override
            public void onTrap(Hart hart, boolean interrupt, int cause, long tval, long epc, int fromPriv, int toPriv) {
                for (HartListener l : each) {
                    l.onTrap(hart, interrupt, cause, tval, epc, fromPriv, toPriv);
                }
            }

            @Override
            public void onTrapReturn(Hart hart, int fromPriv, int toPriv, long pc) {
                for (HartListener l : each) {
                    l.onTrapReturn(hart, fromPriv, toPriv, pc);
                }
            }
        };
    }

    static ControlFlowListener flowListeners(List<ControlFlowListener> all) {
        if (all.isEmpty()) {
            return null;
        }
        if (all.size() == 1) {
            return all.get(0);
        }
        ControlFlowListener[] each = all.toArray(new ControlFlowListener[0]);
        return (hart, pc, target, rd, rs1) -> {
            for (ControlFlowListener l : each) {
                l.onJump(hart, pc, target, rd, rs1);
            }
        };
    }
}
