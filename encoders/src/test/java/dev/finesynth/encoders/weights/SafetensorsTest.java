package dev.finesynth.encoders.weights;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SafetensorsTest {
  @TempDir Path dir;

  private static Tensor random(DType dtype, long[] shape, long seed) {
    long n = 1;
    for (long d : shape) n *= d;
    byte[] bytes = new byte[(int) n * dtype.bytes()];
    new Random(seed).nextBytes(bytes);
    return new Tensor(dtype, shape, ByteBuffer.wrap(bytes));
  }

  private static TensorMap sample() {
    return new TensorMap()
        .put("z.weight", random(DType.F32, new long[] {3, 5}, 1))
        .put("a.half", random(DType.F16, new long[] {7}, 2))
        .put("m.bf16", random(DType.BF16, new long[] {2, 3, 1}, 3))
        .put("position_ids", random(DType.I64, new long[] {1, 4}, 4))
        .put("scalar", random(DType.F32, new long[] {}, 5))
        .put("empty", random(DType.F32, new long[] {0, 8}, 6));
  }

  @Test
  void roundTripIsBitIdentical() {
    Path file = dir.resolve("model.safetensors");
    TensorMap written = sample();
    Safetensors.write(file, written, Map.of("format", "pt"));

    TensorMap read = Safetensors.read(file);
    assertThat(read.names()).containsExactlyInAnyOrderElementsOf(written.names());
    for (String name : written.names()) {
      assertThat(read.get(name)).as(name).isEqualTo(written.get(name));
      assertThat(read.get(name).bytes()).as(name).isEqualTo(written.get(name).bytes());
    }
    assertThat(Safetensors.readMetadata(file)).containsExactly(Map.entry("format", "pt"));
  }

  @Test
  void writeIsDeterministicSortedAndPadded() throws IOException {
    Path a = dir.resolve("a.safetensors");
    Path b = dir.resolve("b.safetensors");
    Safetensors.write(a, sample(), Map.of("format", "pt", "x", "y"));
    TensorMap reordered = new TensorMap();
    sample().names().stream()
        .sorted(java.util.Comparator.reverseOrder())
        .forEach(n -> reordered.put(n, sample().get(n)));
    Safetensors.write(b, reordered, Map.of("x", "y", "format", "pt"));
    assertThat(Files.readAllBytes(a)).isEqualTo(Files.readAllBytes(b));

    ByteBuffer raw = ByteBuffer.wrap(Files.readAllBytes(a)).order(ByteOrder.LITTLE_ENDIAN);
    long headerLength = raw.getLong();
    assertThat(headerLength % 8).isZero();
    String header =
        new String(Files.readAllBytes(a), 8, (int) headerLength, StandardCharsets.UTF_8);
    assertThat(header).startsWith("{\"__metadata__\":{\"format\":\"pt\",\"x\":\"y\"},\"a.half\":");
    assertThat(Safetensors.read(a).names())
        .containsExactly("a.half", "empty", "m.bf16", "position_ids", "scalar", "z.weight");
  }

  @Test
  void readsAHandWrittenReferenceFile() throws IOException {
    // The layout the reference implementation produces for {"test": zeros(2, 2, f32)}.
    String header =
        "{\"test\":{\"dtype\":\"F32\",\"shape\":[2,2],\"data_offsets\":[0,16]},"
            + "\"__metadata__\":{\"format\":\"pt\"}}";
    Path file = write(header, new byte[16]);
    Tensor t = Safetensors.read(file).get("test");
    assertThat(t.shape()).containsExactly(2, 2);
    assertThat(t.toFloats()).containsExactly(0f, 0f, 0f, 0f);
    assertThat(Safetensors.readMetadata(file)).containsEntry("format", "pt");
  }

  @Test
  void halfPrecisionValuesDecodeAfterReading() {
    short[] halves = {0x3c00, (short) 0xc000, 0x7bff, 0x0001, 0x7c00, (short) 0x8000};
    ByteBuffer buffer = ByteBuffer.allocate(halves.length * 2).order(ByteOrder.LITTLE_ENDIAN);
    for (short h : halves) buffer.putShort(h);
    buffer.flip();
    Path file = dir.resolve("half.safetensors");
    Safetensors.write(
        file, new TensorMap().put("h", new Tensor(DType.F16, new long[] {6}, buffer)), Map.of());
    assertThat(Safetensors.read(file).get("h").toFloats())
        .containsExactly(1f, -2f, 65504f, 0x1p-24f, Float.POSITIVE_INFINITY, -0f);
  }

  @Test
  void rejectsTruncatedFile() throws IOException {
    Path file = dir.resolve("t.safetensors");
    Safetensors.write(file, sample(), null);
    byte[] all = Files.readAllBytes(file);
    Files.write(file, java.util.Arrays.copyOf(all, all.length - 3));
    assertThatThrownBy(() -> Safetensors.read(file))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("z.weight");
  }

  @Test
  void rejectsTooShortAndHugeHeader() throws IOException {
    Path tiny = dir.resolve("tiny.safetensors");
    Files.write(tiny, new byte[] {1, 2, 3});
    assertThatThrownBy(() -> Safetensors.read(tiny)).hasMessageContaining("too short");

    Path huge = dir.resolve("huge.safetensors");
    Files.write(
        huge, ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(1L << 40).array());
    assertThatThrownBy(() -> Safetensors.read(huge)).hasMessageContaining("out of range");
  }

  @Test
  void rejectsBadJsonDtypeShapeAndOffsets() throws IOException {
    assertThatThrownBy(() -> Safetensors.read(write("{not json", new byte[0])))
        .hasMessageContaining("not valid JSON");
    assertThatThrownBy(
            () ->
                Safetensors.read(
                    write(
                        "{\"w\":{\"dtype\":\"F64\",\"shape\":[1],\"data_offsets\":[0,8]}}",
                        new byte[8])))
        .hasMessageContaining("'w'")
        .hasMessageContaining("unsupported dtype 'F64'");
    assertThatThrownBy(
            () ->
                Safetensors.read(
                    write(
                        "{\"w\":{\"dtype\":\"F32\",\"shape\":[3],\"data_offsets\":[0,8]}}",
                        new byte[8])))
        .hasMessageContaining("'w'")
        .hasMessageContaining("needs 12 bytes");
    assertThatThrownBy(
            () ->
                Safetensors.read(
                    write(
                        "{\"w\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]},"
                            + "\"v\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[4,12]}}",
                        new byte[12])))
        .hasMessageContaining("overlapping");
    assertThatThrownBy(
            () ->
                Safetensors.read(
                    write(
                        "{\"w\":{\"dtype\":\"F32\",\"shape\":[-2],\"data_offsets\":[0,8]}}",
                        new byte[8])))
        .hasMessageContaining("invalid dimension");
    assertThatThrownBy(
            () ->
                Safetensors.read(
                    write(
                        "{\"w\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]}}",
                        new byte[12])))
        .hasMessageContaining("data section has 12 bytes");
  }

  private Path write(String header, byte[] data) throws IOException {
    byte[] json = header.getBytes(StandardCharsets.UTF_8);
    ByteBuffer buffer =
        ByteBuffer.allocate(8 + json.length + data.length).order(ByteOrder.LITTLE_ENDIAN);
    buffer.putLong(json.length).put(json).put(data);
    Path file = Files.createTempFile(dir, "st", ".safetensors");
    Files.write(file, buffer.array());
    return file;
  }
}
