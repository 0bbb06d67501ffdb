package org.bootlab.cpu;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class OpIdTest {

    @Test
    void everyConstantIsItsOpsOrdinal() throws IllegalAccessException {
        int constants = 0;
        for (Field field : OpId.class.getDeclaredFields()) {
            if (Modifier.isStatic(field.getModifiers()) && field.getType() == int.class) {
                assertEquals(Op.valueOf(field.getName()).ordinal(), field.getInt(null), field.getName());
                constants++;
            }
        }
        assertEquals(Op.values().length, constants, "one constant per Op");
    }
}
