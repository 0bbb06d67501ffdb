package org.bootlab.cli;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.bootlab.machine.MachineConfig;
import org.bootlab.machine.virtio.VirtioConfig;

/**
 * What BootLab takes from a Firecracker {@code --config-file} JSON document, so that Firecracker
 * users can bring their configs along. Nothing is dropped silently: every key BootLab does not
 * act on becomes one of the {@link #notes()}, which the CLI prints on stderr.
 *
 * @param kernelImage boot-source.kernel_image_path, or null
 * @param bootArgs    boot-source.boot_args, or null
 * @param memSizeMib  machine-config.mem_size_mib, or null
 * @param drives      the drives list: virtio-blk devices
 * @param networkInterfaces the network-interfaces list: BootLab attaches the first as virtio-net
 * @param entropy     whether an {@code entropy} section asks for a virtio-rng device
 * @param notes       "config.json: ignoring unknown key 'x'" and the like, in document order
 */
public record FirecrackerConfig(Path kernelImage, String bootArgs, Integer memSizeMib,
                                List<Drive> drives, List<NetworkInterface> networkInterfaces,
                                boolean entropy, List<String> notes) {

    /** One entry of {@code drives}: a virtio-blk device. */
    public record Drive(String driveId, Path pathOnHost, boolean rootDevice, boolean readOnly) {
    }

    /** One entry of {@code network-interfaces}; guestMac is null when not given. */
    public record NetworkInterface(String ifaceId, String hostDevName, String guestMac) {
    }

    /** Firecracker sections for devices and services BootLab does not have. */
    private static final Map<String, String> UNSUPPORTED_SECTIONS = Map.of(
            "vsock", "there is no virtio-vsock device",
            "balloon", "there is no virtio-balloon device",
            "logger", "BootLab logs to stderr",
            "metrics", "BootLab has no metrics endpoint",
            "mmds-config", "there is no metadata service",
            "cpu-config", "the hart is always RV64GC");

    /** Firecracker drive settings BootLab knows of but does not act on. */
    private static final Set<String> DRIVE_OPTIONS =
            Set.of("partuuid", "cache_type", "io_engine", "rate_limiter", "socket");

    /** Firecracker network interface settings BootLab knows of but does not act on. */
    private static final Set<String> INTERFACE_OPTIONS = Set.of("rx_rate_limiter", "tx_rate_limiter");

    public FirecrackerConfig {
        drives = List.copyOf(drives);
        networkInterfaces = List.copyOf(networkInterfaces);
        notes = List.copyOf(notes);
    }

    public static FirecrackerConfig read(Path file) throws InputException {
        String name = file.toString();
        String json;
        try {
            json = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new InputException(name + ": no such file");
        } catch (AccessDeniedException e) {
            throw new InputException(name + ": permission denied");
        } catch (MalformedInputException e) {
            throw new InputException(name + ": is not UTF-8 text");
        } catch (IOException e) {
            throw new InputException(name + ": cannot read: " + e.getMessage());
        }
        return parse(name, json);
    }

    /** Parses a config document; {@code name} is the file name used in every message. */
    public static FirecrackerConfig parse(String name, String json) throws InputException {
        return new Reader(name).read(json);
    }

    /** One parse: collects the values and the notes. */
    private static final class Reader {
        private final String name;
        private final List<String> notes = new ArrayList<>();
        private final List<Drive> drives = new ArrayList<>();
        private final List<NetworkInterface> interfaces = new ArrayList<>();
        private boolean entropy;
        private Path kernel;
        private String bootArgs;
        private Integer memSizeMib;

        Reader(String name) {
            this.name = name;
        }

        FirecrackerConfig read(String json) throws InputException {
            JsonNode root = parseJson(json);
            for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                String key = field.getKey();
                JsonNode value = field.getValue();
                switch (key) {
                    case "boot-source" -> bootSource(object(value, key));
                    case "machine-config" -> machineConfig(object(value, key));
                    case "drives" -> drives(value);
                    case "network-interfaces" -> networkInterfaces(value);
                    case "entropy" -> entropy(value);
                    default -> {
                        String why = UNSUPPORTED_SECTIONS.get(key);
                        if (why == null) {
                            notes.add(name + ": ignoring unknown key '" + key + "'");
                        } else if (!isEmpty(value)) {
                            notes.add(name + ": '" + key + "' is not supported (" + why + "); ignoring it");
                        }
                    }
                }
            }
            return new FirecrackerConfig(kernel, bootArgs, memSizeMib, drives, interfaces, entropy, notes);
        }

        private JsonNode parseJson(String json) throws InputException {
            ObjectMapper mapper = new ObjectMapper()
                    .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
                    .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
            JsonNode root;
            try {
                root = mapper.readTree(json);
            } catch (JsonProcessingException e) {
                JsonLocation at = e.getLocation();
                String where = at == null ? "" : ":" + at.getLineNr() + ":" + at.getColumnNr();
                throw new InputException(name + where + ": malformed JSON: " + firstLine(e.getOriginalMessage()));
            }
            if (root == null || root.isMissingNode()) {
                throw new InputException(name + ": is empty; expected a JSON object");
            }
            if (!root.isObject()) {
                throw new InputException(name + ": expected a JSON object at the top, found " + describe(root));
            }
            return root;
        }

        private void bootSource(JsonNode section) throws InputException {
            for (Iterator<Map.Entry<String, JsonNode>> it = section.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                String key = "boot-source." + field.getKey();
                JsonNode value = field.getValue();
                switch (field.getKey()) {
                    case "kernel_image_path" -> kernel = path(value, key);
                    case "boot_args" -> bootArgs = string(value, key);
                    case "initrd_path" -> {
                        if (!value.isNull()) {
                            notes.add(name + ": '" + key + "' is not supported (no initrd support); ignoring it");
                        }
                    }
                    default -> notes.add(name + ": ignoring unknown key '" + key + "'");
                }
            }
        }

        private void machineConfig(JsonNode section) throws InputException {
            for (Iterator<Map.Entry<String, JsonNode>> it = section.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                String key = "machine-config." + field.getKey();
                JsonNode value = field.getValue();
                switch (field.getKey()) {
                    case "vcpu_count" -> {
                        int count = integer(value, key);
                        if (count != 1) {
                            throw new InputException(name + ": " + key + " is " + count
                                    + ", but BootLab's microVM has exactly one hart (use 1)");
                        }
                    }
                    case "mem_size_mib" -> {
                        int mib = integer(value, key);
                        if (mib < MachineConfig.MIN_MEM_MIB || mib > MachineConfig.MAX_MEM_MIB) {
                            throw new InputException(name + ": " + key + " " + mib + " is outside "
                                    + MachineConfig.MIN_MEM_MIB + ".." + MachineConfig.MAX_MEM_MIB);
                        }
                        memSizeMib = mib;
                    }
                    case "smt", "track_dirty_pages" -> {
                        if (bool(value, key)) {
                            notes.add(name + ": '" + key + "' is not supported; ignoring it");
                        }
                    }
                    case "huge_pages" -> {
                        if (!value.isNull() && !"None".equals(value.asText())) {
                            notes.add(name + ": '" + key + "' is not supported; ignoring it");
                        }
                    }
                    case "cpu_template" -> {
                        if (!value.isNull() && !"None".equals(value.asText())) {
                            notes.add(name + ": '" + key + "' is not supported (the hart is always RV64GC); ignoring it");
                        }
                    }
                    default -> notes.add(name + ": ignoring unknown key '" + key + "'");
                }
            }
        }

        private void drives(JsonNode value) throws InputException {
            if (!value.isArray()) {
                throw new InputException(name + ": 'drives' must be an array, not " + describe(value));
            }
            for (int i = 0; i < value.size(); i++) {
                String prefix = "drives[" + i + "]";
                JsonNode drive = object(value.get(i), prefix);
                String id = null;
                Path path = null;
                boolean root = false;
                boolean readOnly = false;
                for (Iterator<Map.Entry<String, JsonNode>> it = drive.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> field = it.next();
                    String key = prefix + "." + field.getKey();
                    JsonNode v = field.getValue();
                    switch (field.getKey()) {
                        case "drive_id" -> id = string(v, key);
                        case "path_on_host" -> path = path(v, key);
                        case "is_root_device" -> root = bool(v, key);
                        case "is_read_only" -> readOnly = bool(v, key);
                        default -> {
                            if (DRIVE_OPTIONS.contains(field.getKey())) {
                                if (!v.isNull()) {
                                    notes.add(name + ": '" + key + "' is not supported; ignoring it");
                                }
                            } else {
                                notes.add(name + ": ignoring unknown key '" + key + "'");
                            }
                        }
                    }
                }
                if (id == null || path == null) {
                    throw new InputException(name + ": " + prefix + " needs both 'drive_id' and 'path_on_host'");
                }
                drives.add(new Drive(id, path, root, readOnly));
            }
        }

        private void networkInterfaces(JsonNode value) throws InputException {
            if (value.isNull()) {
                return;
            }
            if (!value.isArray()) {
                throw new InputException(name + ": 'network-interfaces' must be an array, not " + describe(value));
            }
            for (int i = 0; i < value.size(); i++) {
                String prefix = "network-interfaces[" + i + "]";
                JsonNode iface = object(value.get(i), prefix);
                String id = null;
                String hostDev = null;
                String mac = null;
                for (Iterator<Map.Entry<String, JsonNode>> it = iface.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> field = it.next();
                    String key = prefix + "." + field.getKey();
                    JsonNode v = field.getValue();
                    switch (field.getKey()) {
                        case "iface_id" -> id = string(v, key);
                        case "host_dev_name" -> hostDev = string(v, key);
                        case "guest_mac" -> {
                            mac = string(v, key);
                            try {
                                VirtioConfig.Net.parseMac(mac);
                            } catch (IllegalArgumentException e) {
                                throw new InputException(name + ": '" + key + "': " + e.getMessage());
                            }
                        }
                        default -> {
                            if (INTERFACE_OPTIONS.contains(field.getKey())) {
                                if (!v.isNull()) {
                                    notes.add(name + ": '" + key + "' is not supported; ignoring it");
                                }
                            } else {
                                notes.add(name + ": ignoring unknown key '" + key + "'");
                            }
                        }
                    }
                }
                if (id == null) {
                    throw new InputException(name + ": " + prefix + " needs an 'iface_id'");
                }
                if (hostDev != null) {
                    notes.add(name + ": " + prefix + ": host device '" + hostDev + "' is not used: BootLab's "
                            + "network lives inside the emulator (a host at 192.0.2.2 answers ARP and ping)");
                }
                if (i > 0) {
                    notes.add(name + ": interface '" + id + "' is not attached: BootLab's microVM has one network device");
                }
                interfaces.add(new NetworkInterface(id, hostDev, mac));
            }
        }

        private void entropy(JsonNode value) throws InputException {
            if (value.isNull()) {
                return;
            }
            JsonNode section = object(value, "entropy");
            for (Iterator<Map.Entry<String, JsonNode>> it = section.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                String key = "entropy." + field.getKey();
                if (!field.getKey().equals("rate_limiter")) {
                    notes.add(name + ": ignoring unknown key '" + key + "'");
                } else if (!field.getValue().isNull()) {
                    notes.add(name + ": '" + key + "' is not supported; ignoring it");
                }
            }
            entropy = true;
        }

        private JsonNode object(JsonNode value, String key) throws InputException {
            if (!value.isObject()) {
                throw new InputException(name + ": '" + key + "' must be an object, not " + describe(value));
            }
            return value;
        }

        private String string(JsonNode value, String key) throws InputException {
            if (!value.isTextual()) {
                throw new InputException(name + ": '" + key + "' must be a string, not " + describe(value));
            }
            return value.textValue();
        }

        private Path path(JsonNode value, String key) throws InputException {
            String text = string(value, key);
            try {
                // Relative paths are relative to the working directory, as in Firecracker.
                return Path.of(text);
            } catch (InvalidPathException e) {
                throw new InputException(name + ": '" + key + "' is not a valid path: " + e.getMessage());
            }
        }

        private int integer(JsonNode value, String key) throws InputException {
            if (!value.isIntegralNumber() || !value.canConvertToInt()) {
                throw new InputException(name + ": '" + key + "' must be an integer, not " + describe(value));
            }
            return value.intValue();
        }

        private boolean bool(JsonNode value, String key) throws InputException {
            if (!value.isBoolean()) {
                throw new InputException(name + ": '" + key + "' must be true or false, not " + describe(value));
            }
            return value.booleanValue();
        }
    }

    private static boolean isEmpty(JsonNode value) {
        return value.isNull() || (value.isContainerNode() && value.isEmpty());
    }

    private static String describe(JsonNode value) {
        String text = value.toString();
        return text.length() > 40 ? text.substring(0, 37) + "..." : text;
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable";
        }
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }
}
