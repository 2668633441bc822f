package dev.finesynth.encoders.weights;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * A forward-only reader of the protocol buffers wire format over a byte buffer: enough to walk an
 * ONNX file's fields without generated classes. Length-delimited fields are returned as views, not
 * copies.
 */
final class ProtoReader {
  static final int VARINT = 0;
  static final int I64 = 1;
  static final int LEN = 2;
  static final int I32 = 5;

  private final ByteBuffer buf;
  private final long base;
  private int field;
  private int wireType;

  ProtoReader(ByteBuffer buf) {
    this(buf, 0);
  }

  private ProtoReader(ByteBuffer buf, long base) {
    this.buf = buf.slice().order(ByteOrder.LITTLE_ENDIAN);
    this.base = base;
  }

  boolean hasRemaining() {
    return buf.hasRemaining();
  }

  /** Advances to the next field; false at the end. */
  boolean next() {
    if (!buf.hasRemaining()) {
      return false;
    }
    long key = varint();
    field = (int) (key >>> 3);
    wireType = (int) (key & 7);
    return true;
  }

  int field() {
    return field;
  }

  int wireType() {
    return wireType;
  }

  /** The offset of the next byte to read in the outermost buffer (the file). */
  long offset() {
    return base + buf.position();
  }

  long varint() {
    long result = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      byte b = buf.get();
      result |= (long) (b & 0x7f) << shift;
      if (b >= 0) {
        return result;
      }
    }
    throw new IllegalStateException("malformed varint at " + buf.position());
  }

  /** The current length-delimited field's bytes as a view. */
  ByteBuffer bytes() {
    int length = Math.toIntExact(varint());
    ByteBuffer view = buf.slice(buf.position(), length).order(ByteOrder.LITTLE_ENDIAN);
    buf.position(buf.position() + length);
    return view;
  }

  String string() {
    ByteBuffer b = bytes();
    byte[] out = new byte[b.remaining()];
    b.get(out);
    return new String(out, StandardCharsets.UTF_8);
  }

  ProtoReader message() {
    int length = Math.toIntExact(varint());
    long start = offset();
    ByteBuffer view = buf.slice(buf.position(), length);
    buf.position(buf.position() + length);
    return new ProtoReader(view, start);
  }

  float fixed32Float() {
    return buf.getFloat();
  }

  void skip() {
    switch (wireType) {
      case VARINT -> varint();
      case I64 -> buf.position(buf.position() + 8);
      case LEN -> {
        int length = Math.toIntExact(varint());
        buf.position(buf.position() + length);
      }
      case I32 -> buf.position(buf.position() + 4);
      default -> throw new IllegalStateException("unsupported wire type " + wireType);
    }
  }
}
