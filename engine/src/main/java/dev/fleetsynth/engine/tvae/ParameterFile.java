package dev.fleetsynth.engine.tvae;

import dev.fleetsynth.engine.io.AtomicFiles;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.CRC32;

/**
 * {@code model.params}: the flat parameter buffer as little-endian floats after a small header
 * (magic, format version, count) and before a CRC-32, so that a truncated or damaged file is
 * refused instead of loading as a silently different model.
 */
final class ParameterFile {
    private static final int MAGIC = 0x46535456; // "FSTV"
    private static final int VERSION = 1;

    private ParameterFile() {}

    static void write(Path file, float[] parameters) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(12 + parameters.length * 4 + 8).order(ByteOrder.LITTLE_ENDIAN);
        buffer.putInt(MAGIC).putInt(VERSION).putInt(parameters.length);
        buffer.asFloatBuffer().put(parameters);
        buffer.position(12 + parameters.length * 4);
        CRC32 crc = new CRC32();
        crc.update(buffer.array(), 0, 12 + parameters.length * 4);
        buffer.putLong(crc.getValue());
        AtomicFiles.write(file, buffer.array());
    }

    static float[] read(Path file, int expected) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        ByteBuffer buffer = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        if (bytes.length < 20 || buffer.getInt() != MAGIC) {
            throw new IOException(file + " is not a Fleetsynth parameter file");
        }
        int version = buffer.getInt();
        if (version != VERSION) {
            throw new IOException(file + " has format version " + version + "; this build reads " + VERSION);
        }
        int count = buffer.getInt();
        if (count != expected || bytes.length != 12 + count * 4L + 8) {
            throw new IOException(file + " holds " + count + " parameters in " + bytes.length
                    + " bytes; the model needs " + expected);
        }
        CRC32 crc = new CRC32();
        crc.update(bytes, 0, 12 + count * 4);
        if (ByteBuffer.wrap(bytes, 12 + count * 4, 8)
                        .order(ByteOrder.LITTLE_ENDIAN)
                        .getLong()
                != crc.getValue()) {
            throw new IOException(file + " is damaged (checksum mismatch)");
        }
        float[] parameters = new float[count];
        buffer.asFloatBuffer().get(parameters);
        return parameters;
    }
}
