package org.bootlab.cpu;

/**
 * Sees every JAL and JALR as it executes, before control moves: enough to follow calls,
 * returns and tail calls by the RISC-V calling convention (rd = ra or t0 links a call; JALR
 * through ra with rd = x0 returns). The step loop calls it only when one is attached.
 */
@FunctionalInterface
public interface ControlFlowListener {

    /**
     * @param pc     the jump's address
     * @param target where it goes
     * @param rd     the link register (0 when the jump does not link)
     * @param rs1    the base register of a JALR (0 for JAL)
     */
    void onJump(Hart hart, long pc, long target, int rd, int rs1);
}
