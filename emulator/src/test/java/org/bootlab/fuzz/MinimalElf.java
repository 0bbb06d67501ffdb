package org.bootlab.fuzz;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A RISC-V ELF64 file with only the named sections (SHT_PROGBITS, not allocated), so a fuzz
 * target can feed its bytes to a reader of one section (.debug_line) through the real
 * {@link org.bootlab.symbols.ElfFile}.
 */
final class MinimalElf {

    private MinimalElf() {
    }

    static byte[] withSections(Map<String, byte[]> sections) {
        Map<String, byte[]> all = new LinkedHashMap<>(sections);
        ByteArrayOutputStream names = new ByteArrayOutputStream();
        names.write(0);
        int[] nameAt = new int[all.size() + 1];
        int k = 0;
        for (String name : all.keySet()) {
            nameAt[k++] = names.size();
            names.writeBytes((name + "\0").getBytes(StandardCharsets.US_ASCII));
        }
        nameAt[k] = names.size();
        names.writeBytes(".shstrtab\0".getBytes(StandardCharsets.US_ASCII));
        all.put(".shstrtab", names.toByteArray());

        ByteArrayOutputStream body = new ByteArrayOutputStream();
        long[] offsets = new long[all.size()];
        k = 0;
        for (byte[] data : all.values()) {
            offsets[k++] = 64 + body.size();
            body.writeBytes(data);
        }
        int shoff = (64 + body.size() + 7) & ~7;
        int shnum = all.size() + 1;
        ByteBuffer out = ByteBuffer.allocate(shoff + 64 * shnum).order(ByteOrder.LITTLE_ENDIAN);
        out.put(new byte[] {0x7f, 'E', 'L', 'F', 2, 1, 1, 0});
        out.position(16);
        out.putShort((short) 2).putShort((short) 243).putInt(1).putLong(0).putLong(0).putLong(shoff);
        out.putInt(5).putShort((short) 64).putShort((short) 56).putShort((short) 0).putShort((short) 64);
        out.putShort((short) shnum).putShort((short) (shnum - 1));
        out.position(64);
        out.put(body.toByteArray());
        out.position(shoff + 64);
        k = 0;
        for (byte[] data : all.values()) {
            int type = k == all.size() - 1 ? 3 : 1; // .shstrtab is SHT_STRTAB
            out.putInt(nameAt[k]).putInt(type).putLong(0).putLong(0).putLong(offsets[k]).putLong(data.length);
            out.putInt(0).putInt(0).putLong(1).putLong(0);
            k++;
        }
        return out.array();
    }
}
