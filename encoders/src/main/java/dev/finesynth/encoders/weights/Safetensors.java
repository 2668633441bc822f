package dev.finesynth.encoders.weights;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads and writes the safetensors format: an 8-byte little-endian header length, a JSON header
 * naming each tensor's dtype, shape and byte range, then the raw little-endian data.
 *
 * <p>Reading memory-maps the file; tensors are views over the mapping. Writing is deterministic
 * (tensors sorted by name, header padded with spaces to a multiple of 8) and atomic.
 */
public final class Safetensors {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String METADATA = "__metadata__";

  /** The same ceiling the reference implementation puts on a header. */
  private static final long MAX_HEADER_BYTES = 100L * 1024 * 1024;

  private Safetensors() {}

  /** All tensors of {@code file}, in header order, as read-only views over a memory mapping. */
  public static TensorMap read(Path file) {
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      Header header = readHeader(file, channel);
      long dataStart = 8 + header.length;
      long dataLength = channel.size() - dataStart;
      List<Entry> entries = parseEntries(file, header.json, dataLength);
      TensorMap tensors = new TensorMap();
      MappedByteBuffer whole =
          dataLength <= Integer.MAX_VALUE
              ? channel.map(FileChannel.MapMode.READ_ONLY, dataStart, dataLength)
              : null;
      for (Entry e : entries) {
        long size = e.end - e.begin;
        ByteBuffer data;
        if (whole != null) {
          data = whole.slice((int) e.begin, (int) size);
        } else {
          if (size > Integer.MAX_VALUE) {
            throw invalid(file, "tensor '" + e.name + "' is larger than 2 GiB, not supported");
          }
          data = channel.map(FileChannel.MapMode.READ_ONLY, dataStart + e.begin, size);
        }
        tensors.put(e.name, new Tensor(e.dtype, e.shape, data.order(ByteOrder.LITTLE_ENDIAN)));
      }
      return tensors;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read safetensors file " + file, e);
    }
  }

  /** The {@code __metadata__} string map of {@code file}; empty when it has none. */
  public static Map<String, String> readMetadata(Path file) {
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      JsonNode metadata = readHeader(file, channel).json.get(METADATA);
      Map<String, String> out = new LinkedHashMap<>();
      if (metadata == null || metadata.isNull()) {
        return out;
      }
      if (!metadata.isObject()) {
        throw invalid(file, "__metadata__ must be an object of strings");
      }
      for (Iterator<Map.Entry<String, JsonNode>> it = metadata.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> field = it.next();
        if (!field.getValue().isTextual()) {
          throw invalid(file, "__metadata__ value '" + field.getKey() + "' is not a string");
        }
        out.put(field.getKey(), field.getValue().textValue());
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read safetensors file " + file, e);
    }
  }

  /**
   * Writes {@code tensors} (sorted by name) and {@code metadata} (may be empty or null) to {@code
   * file}, replacing it atomically.
   */
  public static void write(Path file, TensorMap tensors, Map<String, String> metadata) {
    List<String> names = new ArrayList<>(tensors.names());
    names.sort(Comparator.naturalOrder());

    ObjectNode header = JSON.createObjectNode();
    if (metadata != null && !metadata.isEmpty()) {
      ObjectNode meta = header.putObject(METADATA);
      new TreeMap<>(metadata).forEach(meta::put);
    }
    long offset = 0;
    for (String name : names) {
      Tensor tensor = tensors.get(name);
      long size = tensor.bytes().remaining();
      ObjectNode node = header.putObject(name);
      node.put("dtype", tensor.dtype().name());
      ArrayNode shape = node.putArray("shape");
      for (long dim : tensor.shape()) {
        shape.add(dim);
      }
      node.putArray("data_offsets").add(offset).add(offset + size);
      offset += size;
    }
    byte[] json;
    try {
      json = JSON.writeValueAsBytes(header);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
    int padded = (json.length + 7) / 8 * 8;
    ByteBuffer prefix = ByteBuffer.allocate(8 + padded).order(ByteOrder.LITTLE_ENDIAN);
    prefix.putLong(padded).put(json);
    while (prefix.hasRemaining()) {
      prefix.put((byte) ' ');
    }
    prefix.flip();

    Path dir = file.toAbsolutePath().getParent();
    try {
      Files.createDirectories(dir);
      Path tmp = dir.resolve("." + file.getFileName() + "." + System.nanoTime() + ".tmp");
      try {
        try (FileChannel out =
            FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
          writeFully(out, prefix);
          for (String name : names) {
            writeFully(out, tensors.get(name).bytes());
          }
          out.force(true);
        }
        moveAtomically(tmp, file);
      } finally {
        Files.deleteIfExists(tmp);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write safetensors file " + file, e);
    }
  }

  /** Moves {@code source} over {@code target}, atomically where the file system allows it. */
  static void moveAtomically(Path source, Path target) throws IOException {
    try {
      Files.move(
          source, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(source, target, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  private static void writeFully(FileChannel out, ByteBuffer buffer) throws IOException {
    while (buffer.hasRemaining()) {
      out.write(buffer);
    }
  }

  private record Header(long length, JsonNode json) {}

  private record Entry(String name, DType dtype, long[] shape, long begin, long end) {}

  private static Header readHeader(Path file, FileChannel channel) throws IOException {
    long fileSize = channel.size();
    if (fileSize < 8) {
      throw invalid(file, "file is " + fileSize + " bytes, too short for a header length");
    }
    ByteBuffer lengthBytes = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
    readFully(channel, lengthBytes, 0);
    long length = lengthBytes.flip().getLong();
    if (length < 2 || length > MAX_HEADER_BYTES) {
      throw invalid(file, "header length " + length + " is out of range");
    }
    if (8 + length > fileSize) {
      throw invalid(
          file, "header length " + length + " runs past the end of the file (" + fileSize + ")");
    }
    ByteBuffer headerBytes = ByteBuffer.allocate((int) length);
    readFully(channel, headerBytes, 8);
    String text = new String(headerBytes.array(), StandardCharsets.UTF_8);
    JsonNode json;
    try {
      json = JSON.readTree(text);
    } catch (JsonProcessingException e) {
      throw invalid(file, "header is not valid JSON: " + e.getOriginalMessage());
    }
    if (json == null || !json.isObject()) {
      throw invalid(file, "header is not a JSON object");
    }
    return new Header(length, json);
  }

  private static List<Entry> parseEntries(Path file, JsonNode header, long dataLength) {
    List<Entry> entries = new ArrayList<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = header.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> field = it.next();
      String name = field.getKey();
      if (name.equals(METADATA)) {
        continue;
      }
      entries.add(parseEntry(file, name, field.getValue(), dataLength));
    }
    // The data must be covered exactly: no holes, no overlaps, nothing after the last tensor.
    List<Entry> byOffset = new ArrayList<>(entries);
    byOffset.sort(Comparator.comparingLong(Entry::begin).thenComparingLong(Entry::end));
    long expected = 0;
    for (Entry e : byOffset) {
      if (e.begin != expected) {
        throw invalid(
            file,
            "tensor '"
                + e.name
                + "' starts at "
                + e.begin
                + " but the previous tensor ends at "
                + expected
                + " (overlapping or non-contiguous data)");
      }
      expected = e.end;
    }
    if (expected != dataLength) {
      throw invalid(
          file,
          "tensors cover " + expected + " bytes but the data section has " + dataLength + " bytes");
    }
    return entries;
  }

  private static Entry parseEntry(Path file, String name, JsonNode node, long dataLength) {
    if (!node.isObject()) {
      throw invalid(file, "tensor '" + name + "' is not a JSON object");
    }
    String dtypeName = node.path("dtype").asText("");
    DType dtype;
    try {
      dtype = DType.valueOf(dtypeName);
    } catch (IllegalArgumentException e) {
      throw invalid(
          file,
          "tensor '"
              + name
              + "' has unsupported dtype '"
              + dtypeName
              + "' (supported: "
              + Arrays.toString(DType.values())
              + ")");
    }
    JsonNode shapeNode = node.get("shape");
    if (shapeNode == null || !shapeNode.isArray()) {
      throw invalid(file, "tensor '" + name + "' has no shape array");
    }
    long[] shape = new long[shapeNode.size()];
    long elements = 1;
    for (int i = 0; i < shape.length; i++) {
      JsonNode dim = shapeNode.get(i);
      if (!dim.canConvertToLong() || !dim.isIntegralNumber() || dim.asLong() < 0) {
        throw invalid(file, "tensor '" + name + "' has an invalid dimension " + dim);
      }
      shape[i] = dim.asLong();
      try {
        elements = Math.multiplyExact(elements, shape[i]);
      } catch (ArithmeticException e) {
        throw invalid(file, "tensor '" + name + "' has a shape too large to address");
      }
    }
    JsonNode offsets = node.get("data_offsets");
    if (offsets == null
        || !offsets.isArray()
        || offsets.size() != 2
        || !offsets.get(0).isIntegralNumber()
        || !offsets.get(1).isIntegralNumber()) {
      throw invalid(file, "tensor '" + name + "' needs data_offsets [begin, end]");
    }
    long begin = offsets.get(0).asLong();
    long end = offsets.get(1).asLong();
    if (begin < 0 || end < begin || end > dataLength) {
      throw invalid(
          file,
          "tensor '"
              + name
              + "' has data_offsets ["
              + begin
              + ", "
              + end
              + "] outside the data section of "
              + dataLength
              + " bytes");
    }
    long expectedBytes = elements * dtype.bytes();
    if (end - begin != expectedBytes) {
      throw invalid(
          file,
          "tensor '"
              + name
              + "' of "
              + dtype
              + " "
              + Arrays.toString(shape)
              + " needs "
              + expectedBytes
              + " bytes but data_offsets span "
              + (end - begin));
    }
    return new Entry(name, dtype, shape, begin, end);
  }

  private static void readFully(FileChannel channel, ByteBuffer buffer, long position)
      throws IOException {
    while (buffer.hasRemaining()) {
      int n = channel.read(buffer, position + buffer.position());
      if (n < 0) {
        throw new IOException("unexpected end of file");
      }
    }
  }

  private static IllegalArgumentException invalid(Path file, String message) {
    return new IllegalArgumentException("invalid safetensors file " + file + ": " + message);
  }
}
