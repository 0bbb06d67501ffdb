package org.bootlab.app.timeline;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import org.bootlab.trace.Trace;
import org.bootlab.trace.TraceFiles;
import org.bootlab.trace.TraceFormatException;

/**
 * The saved boot traces of {@code profiles/}, bundled with the app (the app's build copies them
 * in as resources): the default guest kernel booted with each SYSINIT sort.
 */
public final class Samples {

    private static final String FOLDER = "samples/";
    private static final List<String> NAMES = List.of("sysinit-bubble.bltrace", "sysinit-merge.bltrace",
            "sysinit-qsort.bltrace");

    private Samples() {
    }

    /** The samples this build has, by file name. */
    public static List<String> names() {
        List<String> present = new ArrayList<>();
        for (String n : NAMES) {
            if (Samples.class.getResource(FOLDER + n) != null) {
                present.add(n);
            }
        }
        return present;
    }

    /** Reads sample {@code name}. */
    public static Trace read(String name) throws IOException, TraceFormatException {
        try (InputStream in = Samples.class.getResourceAsStream(FOLDER + name)) {
            if (in == null) {
                throw new IOException("no sample trace " + name + " in this build");
            }
            Path copy = Files.createTempFile("bootlab-sample-", ".bltrace");
            try {
                Files.copy(in, copy, StandardCopyOption.REPLACE_EXISTING);
                return TraceFiles.read(copy);
            } finally {
                Files.deleteIfExists(copy);
            }
        }
    }
}
