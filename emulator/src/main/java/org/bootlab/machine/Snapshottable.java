package org.bootlab.machine;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * State that a machine snapshot captures and restores, for reverse execution. Whatever
 * {@link #saveState} writes, {@link #restoreState} reads back in the same order, so that a
 * restored machine continues exactly as the saved one would have.
 */
public interface Snapshottable {

    void saveState(DataOutput out) throws IOException;

    void restoreState(DataInput in) throws IOException;
}
