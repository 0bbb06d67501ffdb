package org.bootlab.app.timeline;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.prefs.Preferences;

/** The traces opened last, newest first, remembered in the user's preferences. */
public final class RecentFiles {

    private static final int MAX = 8;
    private static final String KEY = "recent.";

    private final Preferences prefs;

    public RecentFiles(Preferences prefs) {
        this.prefs = prefs;
    }

    public List<Path> list() {
        List<Path> files = new ArrayList<>();
        for (int i = 0; i < MAX; i++) {
            String f = prefs.get(KEY + i, null);
            if (f != null) {
                files.add(Path.of(f));
            }
        }
        return files;
    }

    /** Puts {@code file} first. */
    public void add(Path file) {
        List<Path> files = list();
        Path abs = file.toAbsolutePath().normalize();
        files.remove(abs);
        files.add(0, abs);
        for (int i = 0; i < MAX; i++) {
            if (i < files.size()) {
                prefs.put(KEY + i, files.get(i).toString());
            } else {
                prefs.remove(KEY + i);
            }
        }
    }
}
