package org.bootlab.machine;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;

/** Test doubles for the devices' surroundings: wires that remember, a clock the test sets. */
final class TestWires {

    private TestWires() {
    }

    /** An interrupt wire that remembers its level and how often it was driven. */
    static final class Wire implements IrqLine {
        boolean level;
        int sets;

        @Override
        public void set(boolean asserted) {
            level = asserted;
            sets++;
        }
    }

    /** A clock the test moves by hand. */
    static final class Clock implements TimeSource {
        long mtime;
        long nanos;

        @Override
        public long mtime() {
            return mtime;
        }

        @Override
        public long nanos() {
            return nanos;
        }
    }

    static byte[] save(Snapshottable s) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            s.saveState(out);
        }
        return bytes.toByteArray();
    }

    static void restore(Snapshottable s, byte[] state) throws IOException {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(state))) {
            s.restoreState(in);
            if (in.read() != -1) {
                throw new AssertionError("restoreState left bytes unread");
            }
        }
    }
}
