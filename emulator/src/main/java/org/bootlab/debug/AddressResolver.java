package org.bootlab.debug;

import java.util.List;

/**
 * Source lines to code addresses, for "run to line". The DWARF line-table reader implements it
 * (directly or through a method reference, so that the symbols code need not depend on this
 * package).
 */
@FunctionalInterface
public interface AddressResolver {

    /**
     * The addresses where code generated for {@code line} of {@code file} begins (one per
     * sequence or inlined copy; the file matched as the implementation sees fit, such as by
     * path suffix); empty when the line has no code.
     */
    List<Long> addressesOf(String file, int line);
}
