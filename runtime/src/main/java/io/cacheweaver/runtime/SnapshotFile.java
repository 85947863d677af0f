package io.cacheweaver.runtime;

import io.cacheweaver.runtime.expr.KeyTemplate;
import io.cacheweaver.runtime.redis.StoredValues;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;

/**
 * The pre-warming snapshot of caches without Redis: their hottest entries, written at orderly
 * shutdown and read at the next start. Values are in the shared layer's stored form (JSON, read
 * back into the declared type), with the lifetime they had left; several caches may share a file.
 *
 * <p>Written to a temporary file and moved into place, so a crash mid-write leaves the previous
 * snapshot; readable by its owner only, because it holds cached values. A file that is missing,
 * damaged or from another format version warms nothing (and says so once).
 */
final class SnapshotFile {
    private static final String MAGIC = "cacheweaver-snapshot-1";
    private static final int MAX_TEXT = 60_000; // DataOutput's modified UTF-8 stops at 65,535 bytes

    /** One entry: its cache, its key as the rule renders it, the value's stored form and its remaining lifetime. */
    record Entry(String cache, String key, byte[] stored, long freshMillis) {
    }

    /** Entries in a file that can be read back now (lifetime left after the time since it was written). */
    record Contents(List<Entry> entries, long writtenAtMillis) {
    }

    private SnapshotFile() {
    }

    /** The entries of {@code cache}'s hottest values; values that cannot be stored are left out. */
    static List<Entry> entriesOf(TieredCache cache, int top) {
        List<Entry> entries = new ArrayList<>();
        for (LocalLayer.Hot hot : cache.hottest(top)) {
            String key = KeyTemplate.text(hot.key());
            if (key.length() > MAX_TEXT) {
                continue;
            }
            try {
                entries.add(new Entry(cache.name(), key, StoredValues.encode(hot.entry().value), hot.freshNanos() / 1_000_000));
            } catch (IOException | RuntimeException | LinkageError | StackOverflowError e) {
                // not representable in the stored form: it simply is not warmed next time
            }
        }
        return entries;
    }

    static void write(Path file, List<Entry> entries) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, file.getFileName().toString(), ".tmp");
        try {
            ownerOnly(tmp);
            try (OutputStream out = Files.newOutputStream(tmp);
                 DataOutputStream data = new DataOutputStream(new BufferedOutputStream(out))) {
                data.writeUTF(MAGIC);
                data.writeLong(System.currentTimeMillis());
                data.writeInt(entries.size());
                for (Entry e : entries) {
                    data.writeUTF(e.cache());
                    data.writeUTF(e.key());
                    data.writeLong(e.freshMillis());
                    data.writeInt(e.stored().length);
                    data.write(e.stored());
                }
            }
            try {
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** What {@code file} holds, with each entry's lifetime reduced by the time since it was written; empty when there is no file. */
    static Contents read(Path file) throws IOException {
        List<Entry> entries = new ArrayList<>();
        long writtenAt;
        try (InputStream in = Files.newInputStream(file);
             DataInputStream data = new DataInputStream(new BufferedInputStream(in))) {
            if (!MAGIC.equals(data.readUTF())) {
                throw new IOException("not a cacheweaver snapshot (or written by another version)");
            }
            writtenAt = data.readLong();
            long since = Math.max(0, System.currentTimeMillis() - writtenAt);
            int count = data.readInt();
            for (int i = 0; i < count; i++) {
                String cache = data.readUTF();
                String key = data.readUTF();
                long fresh = data.readLong();
                int length = data.readInt();
                if (length < 0 || length > (64 << 20)) {
                    throw new IOException("damaged entry");
                }
                byte[] stored = data.readNBytes(length);
                if (stored.length < length) {
                    throw new EOFException();
                }
                if (fresh - since > 0) {
                    entries.add(new Entry(cache, key, stored, fresh - since));
                }
            }
        } catch (NoSuchFileException e) {
            return new Contents(List.of(), 0);
        }
        return new Contents(entries, writtenAt);
    }

    private static void ownerOnly(Path file) {
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            try {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            } catch (IOException | UnsupportedOperationException e) {
                // the directory's defaults apply
            }
        }
    }
}
