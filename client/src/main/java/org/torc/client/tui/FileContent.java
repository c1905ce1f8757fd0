package org.torc.client.tui;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reads a file for a viewer: text as lines (the last {@value #MAX_BYTES} bytes of a larger file),
 * a binary file as a hex dump of its start, a missing file as an explanation.
 */
public final class FileContent {
    public static final int MAX_BYTES = 1024 * 1024;

    private FileContent() {
    }

    public static List<String> read(Path path, String missingHint) {
        try {
            long size = Files.size(path);
            byte[] bytes;
            try (InputStream in = Files.newInputStream(path)) {
                if (size > MAX_BYTES) {
                    in.skipNBytes(size - MAX_BYTES);
                }
                bytes = in.readNBytes(MAX_BYTES);
            }
            if (isBinary(bytes)) {
                return hexDump(bytes, 4096);
            }
            List<String> lines = new ArrayList<>();
            if (size > MAX_BYTES) {
                lines.add("[showing the last " + MAX_BYTES / 1024 + " KiB of " + size / 1024
                        + " KiB]");
            }
            String text = new String(bytes, StandardCharsets.UTF_8);
            lines.addAll(Arrays.asList(text.split("\r?\n", -1)));
            if (!lines.isEmpty() && lines.get(lines.size() - 1).isEmpty()) {
                lines.remove(lines.size() - 1);
            }
            return lines;
        } catch (NoSuchFileException e) {
            List<String> out = new ArrayList<>();
            out.add("Could not read file: " + path);
            out.add("");
            out.addAll(Arrays.asList(missingHint.split("\n")));
            return out;
        } catch (IOException e) {
            return List.of("Could not read file: " + path, "", String.valueOf(e.getMessage()));
        }
    }

    static boolean isBinary(byte[] bytes) {
        int n = Math.min(bytes.length, 8192);
        for (int i = 0; i < n; i++) {
            if (bytes[i] == 0) {
                return true;
            }
        }
        return false;
    }

    static List<String> hexDump(byte[] bytes, int max) {
        List<String> out = new ArrayList<>();
        out.add("[binary file: hex dump of the first " + Math.min(max, bytes.length) + " bytes]");
        for (int off = 0; off < Math.min(max, bytes.length); off += 16) {
            StringBuilder hex = new StringBuilder();
            StringBuilder ascii = new StringBuilder();
            for (int i = off; i < off + 16; i++) {
                if (i < bytes.length) {
                    int b = bytes[i] & 0xff;
                    hex.append(String.format("%02x ", b));
                    ascii.append(b >= 0x20 && b < 0x7f ? (char) b : '.');
                } else {
                    hex.append("   ");
                }
            }
            out.add(String.format("%08x  %s %s", off, hex, ascii));
        }
        return out;
    }
}
